import {
  BREAK,
  GraphQLError,
  createSourceEventStream,
  execute,
  getOperationAST,
  getVariableValues,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql'
import { isAsyncIterable, type Plugin } from 'graphql-yoga'
import { viewerIndependentFields } from '../schema/subscription.ts'
import { selectsOnly } from './selected-fields.ts'

type Result = ExecutionResult | Promise<ExecutionResult>

/**
 * Executes each event of a subscription once per distinct operation instead of once per
 * subscriber. The seat-map hub hands the same event object to every subscriber of a show, so for
 * an operation whose selection reads only the event (every field in `viewerIndependentFields`),
 * the result of the first subscriber's execution is the result for all of them. Anything else —
 * other fields, other directives, an abort signal, variables that do not coerce — takes the usual
 * path unchanged. Runs inside the Yoga pipeline: the other plugins' subscribe hooks (masking,
 * telemetry) still wrap every subscriber's stream.
 */
export function useSharedSubscriptionExecution(): Plugin {
  return {
    onSubscribe({ args, setSubscribeFn }) {
      if ((args as { signal?: unknown }).signal) return
      const shape = sharingOf(args.schema, args.document, args.operationName)
      if (!shape) return
      const inputs = getVariableValues(args.schema, shape.operation.variableDefinitions ?? [], args.variableValues ?? {})
      if (inputs.errors) return
      const key = `${shape.id}:${JSON.stringify(shape.variables.map((v) => inputs.coerced[v]))}`
      setSubscribeFn(async (subscribeArgs) => {
        const args = subscribeArgs as ExecutionArgs
        const source = await createSourceEventStream(args)
        return isAsyncIterable(source) ? sharedResults(source, args, key, shape.operation) : source
      })
    },
  }
}

interface Shape {
  /** Names this document and operation in result keys. */
  id: number
  operation: NonNullable<ReturnType<typeof getOperationAST>>
  /** Variables that directives read (@include/@skip): results differ when these do. */
  variables: string[]
}

let nextDocumentId = 0
const shapes = new WeakMap<DocumentNode, Map<string, Shape | null>>()

/** Whether (and keyed by what) an operation's per-event results can be shared; cached per document. */
function sharingOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): Shape | null {
  let byName = shapes.get(document)
  if (!byName) shapes.set(document, (byName = new Map()))
  const name = operationName ?? ''
  if (!byName.has(name)) byName.set(name, analyse(schema, document, operationName, nextDocumentId++))
  return byName.get(name)!
}

function analyse(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, id: number): Shape | null {
  const operation = getOperationAST(document, operationName)
  if (operation?.operation !== 'subscription') return null
  if (!selectsOnly(schema, document, viewerIndependentFields)) return null
  // Only @include/@skip, and the variables they read become part of the result's key.
  const variables = new Set<string>()
  let shareable = true
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'include' && node.name.value !== 'skip') {
        shareable = false
        return BREAK
      }
      visit(node, { Variable: (v) => void variables.add(v.name.value) })
    },
  })
  return shareable ? { id, operation, variables: [...variables].sort() } : null
}

/** Per event object, per operation key: the one execution every subscriber of it shares. */
const results = new WeakMap<object, Map<string, Result>>()

function resultFor(event: unknown, args: ExecutionArgs, key: string): Result {
  if (typeof event !== 'object' || event === null) return execute({ ...args, rootValue: event })
  let byKey = results.get(event)
  if (!byKey) results.set(event, (byKey = new Map()))
  let result = byKey.get(key)
  if (!result) byKey.set(key, (result = execute({ ...args, rootValue: event })))
  return result
}

/**
 * One subscriber's stream of shared results: a plain iterator rather than an async generator, as
 * it runs once per subscriber per event. A source error is wrapped the way Yoga's executor wraps it.
 */
function sharedResults(source: AsyncIterable<unknown>, args: ExecutionArgs, key: string, operation: Shape['operation']): AsyncIterableIterator<ExecutionResult> {
  const events = source[Symbol.asyncIterator]()
  const done = { done: true, value: undefined } as const
  // Made once per subscriber, not per event: at thousands of subscribers allocation is GC time.
  const onEvent = (step: IteratorResult<unknown>): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> => {
    if (step.done) return done
    const result = resultFor(step.value, args, key)
    return result instanceof Promise ? result.then((value) => ({ done: false, value })) : { done: false, value: result }
  }
  const onError = (error: Error) => {
    throw new GraphQLError(error.message, { originalError: error, nodes: [operation] })
  }
  return {
    [Symbol.asyncIterator]() {
      return this
    },
    next: () => events.next().then(onEvent, onError),
    return: async () => {
      await events.return?.()
      return done
    },
    throw: async (error) => (events.throw ? ((await events.throw(error)) as IteratorResult<ExecutionResult>) : Promise.reject(error)),
  }
}
