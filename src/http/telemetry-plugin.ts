import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { Context } from '../context.ts'
import type { Services } from '../services.ts'

/** Operation names are client-chosen: past this many distinct ones, metrics file them as "other". */
const MAX_NAMES = 200

/**
 * One info log line and the metrics of every GraphQL operation (HTTP and graphql-ws alike):
 * name, type, duration and outcome. Subscriptions are measured up to their first result.
 */
export function useOperationTelemetry(services: Services): Plugin<Context> {
  const { metrics, logger } = services
  const known = new Set<string>()
  const label = (name: string | undefined) => {
    if (!name) return 'anonymous'
    if (known.has(name)) return name
    if (known.size >= MAX_NAMES || !/^[A-Za-z_]\w{0,63}$/.test(name)) return 'other'
    known.add(name)
    return name
  }

  const start = (document: DocumentNode, operationName: string | null | undefined, ctx: Context) => {
    const startedAt = performance.now()
    const operation = getOperationAST(document, operationName)
    const type = operation?.operation ?? 'unknown'
    const name = operation?.name?.value
    return (errors: readonly GraphQLError[] | undefined) => {
      const seconds = (performance.now() - startedAt) / 1000
      const outcome = errors?.length ? 'error' : 'ok'
      const labelled = label(name)
      metrics.graphqlOperations.inc({ type, name: labelled, outcome })
      metrics.graphqlDuration.observe({ type, name: labelled }, seconds)
      logger.info(
        {
          reqId: ctx.requestId,
          op: name ?? null,
          type,
          ms: Math.round(seconds * 10_000) / 10,
          outcome,
          ...(errors?.length ? { code: errors[0]!.extensions?.code ?? null } : {}),
          user: ctx.viewer?.id ?? null,
        },
        'graphql operation',
      )
    }
  }

  return {
    onExecute({ args }) {
      const done = start(args.document, args.operationName, args.contextValue as Context)
      return {
        onExecuteDone({ result }) {
          if (!(Symbol.asyncIterator in result)) done(result.errors)
        },
      }
    },
    onSubscribe({ args }) {
      const done = start(args.document, args.operationName, args.contextValue as Context)
      return {
        onSubscribeResult({ result }) {
          done(Symbol.asyncIterator in result ? undefined : result.errors)
        },
        onSubscribeError() {
          done([{ extensions: { code: 'SUBSCRIBE_FAILED' } } as unknown as GraphQLError])
        },
      }
    },
  }
}
