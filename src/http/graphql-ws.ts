import { getOperationAST, GraphQLError, type ExecutionArgs } from 'graphql'
import { useServer } from 'graphql-ws/use/ws'
import type { WebSocketServer } from 'ws'
import type { Services } from '../services.ts'
import type { Yoga } from './yoga.ts'
import { clientIp } from './client-ip.ts'
import { isGraphQLError } from './error-masking.ts'
import { nestedDeeperThan, tooDeepError } from './input-depth.ts'

/** Bytes a socket may have unsent before it counts as stalled and is dropped. */
const MAX_BUFFERED_BYTES = 1024 * 1024

type Enveloped = ReturnType<Yoga['getEnveloped']>

/**
 * graphql-ws on the Yoga pipeline: each operation is parsed, validated, given its context and
 * executed through `yoga.getEnveloped`, exactly as over HTTP, authentication included: the token of
 * connection_init is checked per operation, so a bad one fails login-required fields with
 * UNAUTHENTICATED (as the contract says auth failures are GraphQL errors) while the public seat map
 * still streams. A client that never inits is closed by graphql-ws (4408).
 */
export function attachGraphqlWs(wss: WebSocketServer, yoga: Yoga, services: Services) {
  const { ws: caps, trustProxy } = services.config
  const open = new Map<string, number>()
  let total = 0
  wss.on('connection', (socket, request) => {
    // Caps on open sockets, in total and per address: each one costs memory and fan-out work.
    const ip = clientIp(request, trustProxy)
    if (total >= caps.maxConnections || (open.get(ip) ?? 0) >= caps.maxConnectionsPerIp) {
      socket.close(1013, 'Too many connections; try again later')
      return
    }
    total++
    open.set(ip, (open.get(ip) ?? 0) + 1)
    services.metrics.wsConnections.inc()
    socket.once('close', () => {
      total--
      const left = (open.get(ip) ?? 1) - 1
      if (left > 0) open.set(ip, left)
      else open.delete(ip)
      services.metrics.wsConnections.dec()
    })

    // A slow reader must not make the process buffer without bound for it: drop it. 1013 ("try
    // again later") lets graphql-ws clients reconnect and resume with sinceVersion; 4429 would not.
    const send = socket.send.bind(socket)
    socket.send = ((data: unknown, ...rest: unknown[]) => {
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        socket.close(1013, 'Client too slow')
        return
      }
      return (send as (...a: unknown[]) => void)(data, ...rest)
    }) as typeof socket.send
  })

  return useServer(
    {
      connectionInitWaitTimeout: 5_000,
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (ctx, _id, payload) => {
        // graphql-ws has already registered this operation, so the count includes it.
        if (Object.keys(ctx.subscriptions).length > caps.maxSubscriptionsPerConnection) {
          const message = `At most ${caps.maxSubscriptionsPerConnection} operations per connection.`
          return [new GraphQLError(message, { extensions: { code: 'RATE_LIMITED' } })]
        }
        if (nestedDeeperThan(payload.variables) || nestedDeeperThan(payload.extensions)) return [coded(tooDeepError(), 'VALIDATION')]
        const enveloped = yoga.getEnveloped({
          connectionParams: ctx.connectionParams ?? {},
          req: ctx.extra.request,
          ip: clientIp(ctx.extra.request, trustProxy),
          params: payload,
        } as never)
        // A query that does not parse (or trips a parser limit) fails its own operation: thrown
        // from here, graphql-ws would close the whole socket with 4500, which its client will not
        // retry, and every other subscription on it would go too.
        // Errors are answered with the codes HTTP gives them, as fresh errors: the parser's cache
        // shares its error objects with the HTTP path, which decorates them in place.
        let document: ReturnType<Enveloped['parse']>
        try {
          document = enveloped.parse(payload.query)
        } catch (err) {
          if (isGraphQLError(err)) return [coded(err, 'GRAPHQL_PARSE_FAILED')]
          throw err
        }
        const errors = enveloped.validate(enveloped.schema, document)
        if (errors.length) return errors.map((e: GraphQLError) => coded(e, 'GRAPHQL_VALIDATION_FAILED'))
        if (!getOperationAST(document, payload.operationName)) {
          return [new GraphQLError('Could not determine which operation to run: name it in operationName.', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })]
        }
        const args: ExecutionArgs = {
          schema: enveloped.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: enveloped,
        }
        return args
      },
    },
    wss,
    12_000,
  )
}

/** A copy of `error` whose code is `code` unless it has one of its own (e.g. a limit's). */
function coded(error: GraphQLError, code: string): GraphQLError {
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code, ...extensions } })
}
