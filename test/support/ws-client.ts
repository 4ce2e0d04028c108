import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import { eventually } from './wait.ts'

export interface Subscription<T> {
  events: T[]
  errors: unknown[]
  /** How the server refused: an `error` message, or a `next` carrying errors (then `complete`). */
  failedBy: 'error' | 'next' | null
  done: boolean
  /** Waits until at least `n` events arrived (or an error ended the subscription). */
  waitFor(n: number, timeoutMs?: number): Promise<T[]>
  waitForError(timeoutMs?: number): Promise<{ message: string; extensions?: Record<string, unknown> }>
  unsubscribe(): void
}

/** A graphql-ws connection as a browser would open it: same /graphql path, token in connection_init. */
export function connect(
  url: string,
  token?: string,
  opts: { lazy?: boolean; authorization?: unknown; connectionParams?: Record<string, unknown> } = {},
): Client & { closes: { code: number; reason: string }[] } {
  const authorization = 'authorization' in opts ? opts.authorization : token !== undefined ? `Bearer ${token}` : undefined
  const closes: { code: number; reason: string }[] = []
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: opts.lazy ?? true,
    retryAttempts: 0,
    connectionParams: opts.connectionParams ?? (authorization !== undefined ? { authorization } : undefined),
    on: { closed: (e) => void closes.push({ code: (e as CloseEvent).code, reason: (e as CloseEvent).reason }) },
  })
  return Object.assign(client, { closes })
}

export function subscribe<T>(client: Client, query: string, variables: Record<string, unknown>, pick: (data: Record<string, unknown>) => T): Subscription<T> {
  const sub: Subscription<T> = {
    events: [],
    errors: [],
    failedBy: null,
    done: false,
    waitFor: (n, timeoutMs = 10_000) =>
      eventually(() => {
        if (sub.errors.length) throw new Error(`subscription failed: ${JSON.stringify(sub.errors)}`)
        return sub.events.length >= n ? sub.events : null
      }, timeoutMs, 10),
    waitForError: (timeoutMs = 10_000) =>
      eventually(() => {
        const e = sub.errors[0] as { message: string; extensions?: Record<string, unknown> }[] | { message: string } | undefined
        return Array.isArray(e) ? e[0] : e
      }, timeoutMs, 10) as never,
    unsubscribe: () => dispose(),
  }
  const dispose = client.subscribe<Record<string, unknown>>(
    { query, variables },
    {
      next: (r) => {
        if (r.errors?.length) {
          sub.errors.push(r.errors)
          sub.failedBy ??= 'next'
        }
        else if (r.data) sub.events.push(pick(r.data))
      },
      error: (e) => {
        sub.errors.push(e)
        sub.failedBy ??= 'error'
      },
      complete: () => void (sub.done = true),
    },
  )
  return sub
}

export const SEAT_MAP = /* GraphQL */ `
  subscription SeatMapChanges($showId: ID!, $sinceVersion: Int) {
    seatMap(showId: $showId, sinceVersion: $sinceVersion) { showId version reason at seats { seatId seatNumber status } }
  }
`

export interface SeatMapEvent {
  showId: string
  version: number
  reason: string
  at: string
  seats: { seatId: string; seatNumber: string; status: string }[]
}

export const seatMapEvents = (client: Client, showId: string, sinceVersion?: number) =>
  subscribe<SeatMapEvent>(client, SEAT_MAP, { showId, sinceVersion }, (d) => d.seatMap as SeatMapEvent)
