import { Client, fetchExchange, stringifyDocument, type AnyVariables, type TypedDocumentNode } from '@urql/core'
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws'
import { problemFrom, type Problem } from './problems.js'

/** What the header shows: `live` once the socket is acknowledged, `reconnecting` after a drop. */
export type ConnectionState = 'idle' | 'live' | 'reconnecting' | 'offline'

export type Answer<T> = { ok: true; data: T } | { ok: false; problem: Problem }

export interface SubscriptionSink<T> {
  next(data: T): void
  /** A GraphQL error from the server, or a connection that could not be re-established. */
  error(problem: Problem): void
}

/** The page's origin serves /graphql for both HTTP and WebSocket, so the URL comes from location. */
export const graphqlHttpUrl = () => new URL('/graphql', location.href).toString()
export const graphqlWsUrl = () => graphqlHttpUrl().replace(/^http/, 'ws')

/** How long an unanswered keep-alive ping may take before the socket counts as dead. */
const PONG_TIMEOUT_MS = 5_000

/**
 * Queries and mutations go over HTTP (urql), every live change over graphql-ws. One Api per login:
 * the token is part of both transports, so logging in or out builds a new one.
 */
export function createApi(token: string | null, onSessionRejected: () => void) {
  const authorization = token ? `Bearer ${token}` : null
  const http = new Client({
    url: graphqlHttpUrl(),
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: (): RequestInit => ({ headers: authorization ? { authorization } : {} }),
  })

  const stateListeners = new Set<(s: ConnectionState) => void>()
  let state: ConnectionState = 'idle'
  const setState = (next: ConnectionState) => {
    state = next
    for (const l of stateListeners) l(state)
  }

  let socket: WebSocket | null = null
  let subscriptions = 0
  let pongTimer: ReturnType<typeof setTimeout> | undefined
  const ws: WsClient = createWsClient({
    url: graphqlWsUrl,
    connectionParams: () => (authorization ? { authorization } : {}),
    lazy: true,
    retryAttempts: Infinity,
    // Every drop is worth retrying: the server restarting, a proxy timing out, Wi-Fi coming back.
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((r) => setTimeout(r, Math.min(500 * 2 ** retries, 8_000) * (0.5 + Math.random()))),
    keepAlive: 10_000,
    on: {
      connected: (s) => {
        socket = s as WebSocket
        setState('live')
      },
      ping: (received) => {
        // A half-open socket (laptop lid, dead NAT entry) never reports close; a missing pong does.
        if (!received) pongTimer = setTimeout(() => socket?.readyState === WebSocket.OPEN && socket.close(4408, 'Pong timeout'), PONG_TIMEOUT_MS)
      },
      pong: (received) => received && clearTimeout(pongTimer),
      closed: (event) => {
        clearTimeout(pongTimer)
        socket = null
        const code = (event as CloseEvent).code
        setState(code === 1000 ? 'idle' : navigator.onLine ? 'reconnecting' : 'offline')
      },
    },
  })

  const onOffline = () => setState('offline')
  // The socket may have outlived a short outage; if not, graphql-ws is already retrying.
  // With no subscription there is no socket to wait for (it opens lazily): nothing is reconnecting.
  const onOnline = () =>
    state === 'offline' && setState(socket?.readyState === WebSocket.OPEN ? 'live' : subscriptions > 0 ? 'reconnecting' : 'idle')
  addEventListener('offline', onOffline)
  addEventListener('online', onOnline)

  // A token the server no longer accepts (expired, secret rotated) ends the session, whichever
  // transport hears of it first.
  const checked = (problem: Problem) => {
    if (problem.code === 'UNAUTHENTICATED' && token) onSessionRejected()
    return problem
  }

  async function send<T, V extends AnyVariables>(kind: 'query' | 'mutation', doc: TypedDocumentNode<T, V>, variables: V): Promise<Answer<T>> {
    const result = await http[kind](doc, variables).toPromise()
    if (result.error || !result.data) return { ok: false, problem: checked(problemFrom(result.error)) }
    return { ok: true, data: result.data }
  }

  return {
    query: <T, V extends AnyVariables>(doc: TypedDocumentNode<T, V>, variables: V) => send('query', doc, variables),
    mutation: <T, V extends AnyVariables>(doc: TypedDocumentNode<T, V>, variables: V) => send('mutation', doc, variables),

    /** Returns the function that ends the subscription. */
    subscribe<T, V extends AnyVariables>(doc: TypedDocumentNode<T, V>, variables: V, sink: SubscriptionSink<T>): () => void {
      subscriptions++
      let ended = false
      const over = () => {
        if (!ended) subscriptions--
        ended = true
      }
      const end = ws.subscribe<T>(
        { query: stringifyDocument(doc), variables: variables as Record<string, unknown> },
        {
          next: (result) => (result.errors?.length || !result.data ? sink.error(checked(problemFrom(result.errors))) : sink.next(result.data)),
          error: (err) => {
            over()
            sink.error(checked(problemFrom(err)))
          },
          complete: over,
        },
      )
      return () => {
        over()
        end()
      }
    },

    /** graphql-ws events (`connected`, `closed`) for code that must react to a new socket. */
    on: ws.on,
    get connection() {
      return state
    },
    onConnection(listener: (s: ConnectionState) => void) {
      stateListeners.add(listener)
      listener(state)
      return () => stateListeners.delete(listener)
    },
    async dispose() {
      removeEventListener('offline', onOffline)
      removeEventListener('online', onOnline)
      stateListeners.clear()
      await ws.dispose()
    },
  }
}

export type Api = ReturnType<typeof createApi>
