import { renderGraphiQL } from '@graphql-yoga/render-graphiql'
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga'
import type { Context } from '../context.ts'
import { schema } from '../schema/index.ts'
import type { Services } from '../services.ts'
import { queryShapePlugins } from './armor.ts'
import { withBookingOutcomes } from './booking-outcomes.ts'
import { clientIp } from './client-ip.ts'
import { createErrorMasker } from './error-masking.ts'
import { buildContext } from './context.ts'
import { useInputDepthGuard } from './input-depth.ts'
import { useNulGuard } from './nul-guard-plugin.ts'
import { useVersionedResponseCache } from './response-cache.ts'
import { useOperationTelemetry } from './telemetry-plugin.ts'
import { useUserMutationLimit } from '../limits/limits-plugin.ts'

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
  const { logger, config } = services
  return createYoga<ServerContext, Context>({
    schema: withBookingOutcomes(schema, services.metrics.bookingMutations),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: config.graphql.introspection ? { title: 'seatgraph', subscriptionsProtocol: 'WS', defaultQuery: FIRST_QUERY } : false,
    // GraphiQL served from this process, not a CDN: it works behind firewalls and offline.
    renderGraphiQL,
    logging: false,
    // Telemetry before the limits: it must also see operations that a later plugin stops.
    plugins: [
      useInputDepthGuard(),
      ...(config.responseCacheMaxAgeMs ? [useVersionedResponseCache(services, config.responseCacheMaxAgeMs)] : []),
      ...queryShapePlugins(config.graphql),
      useNulGuard(),
      useOperationTelemetry(services),
      useUserMutationLimit(),
      ...plugins,
    ],
    context: ({ request, connectionParams, req, ip }) => {
      // Over graphql-ws the value comes from connection_init and may be any JSON: anything but a
      // string is as malformed as a header that is not "Bearer <token>". The contract's key is
      // `authorization`; clients that copy the HTTP header's spelling are understood too.
      const given = connectionParams ? (connectionParams.authorization ?? connectionParams.Authorization) : request?.headers.get('authorization')
      // (Not stringified: a deeply nested value would overflow the stack.)
      const authorization = given === undefined || given === null ? null : typeof given === 'string' ? given : `(a ${typeof given})`
      return buildContext(services, {
        authorization,
        ip: ip ?? clientIp(req, config.trustProxy),
        requestId: request?.headers.get('x-request-id') ?? undefined,
      })
    },
    maskedErrors: {
      // Never leak internals, not even in development: log the cause, answer a generic error.
      isDev: false,
      maskError: createErrorMasker(logger, { hideSuggestions: !config.graphql.introspection }),
    },
    cors: false,
    // The front door refuses a body over HTTP_MAX_BODY_BYTES before Yoga sees it (by its
    // Content-Length, which Node never reads past, or, chunked, by counting it into `req.body`).
    // Yoga's own limit piped every body through a TransformStream whose pipeline made an
    // AbortError per request: ~4% of a hold's API CPU.
    maxRequestBodySize: false,
    healthCheckEndpoint: '/health',
    batching: false,
    multipart: false,
  })
}

const FIRST_QUERY = `# Upcoming shows with their live seat maps. Log in with the logIn mutation, send the token as
# "Authorization: Bearer <token>" (Headers below), then bookSeats / confirmBooking; subscribe with
# subscription { seatMap(showId: "…") { version reason seats { seatNumber status } } }
{
  shows(first: 3) {
    edges {
      node {
        id startTime price { amount currency }
        movie { title } theater { name }
        availableSeats totalSeats
        seatMap { version seats { id seatNumber status } }
      }
    }
  }
}
`
