import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga'
import { GraphQLError } from 'graphql'
import type { Context } from '../context.ts'
import { schema } from '../schema/index.ts'
import type { Services } from '../services.ts'
import { buildContext } from './context.ts'

export type ServerContext = {
  req?: import('node:http').IncomingMessage
  connectionParams?: Record<string, unknown>
  ip?: string
}
export type Yoga = YogaServerInstance<ServerContext, Context>

/**
 * The GraphQL pipeline shared by HTTP and graphql-ws (which runs every operation through
 * `yoga.getEnveloped`), so both get the same plugins, context, masking and auth.
 */
export function createYogaServer(services: Services, plugins: Plugin[] = []): Yoga {
  const { logger } = services
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'seatgraph', subscriptionsProtocol: 'WS' },
    logging: false,
    plugins,
    context: ({ request, connectionParams, req, ip }) => {
      const authorization =
        typeof connectionParams?.authorization === 'string'
          ? connectionParams.authorization
          : connectionParams
            ? null
            : request?.headers.get('authorization')
      return buildContext(services, {
        authorization,
        ip: ip ?? req?.socket.remoteAddress ?? 'unknown',
        requestId: request?.headers.get('x-request-id') ?? undefined,
      })
    },
    maskedErrors: {
      // Never leak internals, not even in development: log the cause, answer a generic error.
      isDev: false,
      maskError: (error, message) => {
        const original = isGraphQLError(error) ? error.originalError : error
        if (isGraphQLError(error) && (!original || isGraphQLError(original))) return error
        if (original instanceof Error && original.name === 'PothosValidationError') {
          // Pothos' own argument checks (e.g. a negative `first`): the client's mistake, say so.
          return new GraphQLError(original.message, { extensions: { code: 'VALIDATION' } })
        }
        logger.error({ err: original ?? error }, 'unexpected error in a GraphQL operation')
        return new GraphQLError(message, {
          nodes: isGraphQLError(error) ? error.nodes : undefined,
          path: isGraphQLError(error) ? error.path : undefined,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        })
      },
    },
    cors: false,
    healthCheckEndpoint: '/health',
    batching: false,
    multipart: false,
  })
}

/** graphql ships CJS and ESM builds; an error from the other build fails `instanceof`. */
function isGraphQLError(e: unknown): e is GraphQLError {
  return e instanceof GraphQLError || (e instanceof Error && e.name === 'GraphQLError')
}
