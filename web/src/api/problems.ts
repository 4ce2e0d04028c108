import { CombinedError } from '@urql/core'

/**
 * A failure as the person at the screen needs it: a stable `code` to branch on and a sentence
 * that says what happened and what to do. Server codes are the contract's ErrorCode values plus
 * GraphQL `extensions.code`s; OFFLINE, NETWORK and CONNECTION are the client's own.
 */
export interface Problem {
  code: string
  message: string
  seatIds?: string[]
}

const SENTENCES: Record<string, string> = {
  SEATS_UNAVAILABLE: 'Some of those seats were taken a moment ago. They are marked on the chart; please pick others.',
  HOLD_EXPIRED: 'Your hold ran out, so the seats went back on sale. Pick them again to book.',
  PAYMENT_DECLINED: 'Your payment was declined, so the seats were released. Nothing was charged.',
  RATE_LIMITED: 'Too many requests in a short time. Wait a few seconds, then try again.',
  // A request may have reached the server before the connection failed: promise nothing about it.
  OFFLINE: "You're offline. Try again once you're connected.",
  NETWORK: "Can't reach the server right now. Try again in a moment.",
  UNAUTHENTICATED: 'Your session has ended. Please log in again.',
  SHOW_STARTED: 'This show has already started, so it can no longer be booked or cancelled.',
  REPLAY_UNAVAILABLE: 'The seat chart was reloaded to catch up with changes.',
}

/** The sentence for a code, falling back to the server's own message. */
export function explain(code: string, serverMessage?: string): string {
  return SENTENCES[code] ?? serverMessage ?? 'Something went wrong. Please try again.'
}

/** A mutation's typed error (`... on Error { code message }`) as a Problem. */
export function problemOf(e: { code: string; message: string; seatIds?: string[] }): Problem {
  // TOO_MANY_SEATS and INVALID_STATE messages name the limit or state, so they are kept verbatim.
  const keep = e.code === 'TOO_MANY_SEATS' || e.code === 'INVALID_STATE' || e.code === 'VALIDATION'
  return { code: e.code, message: keep ? e.message : explain(e.code, e.message), seatIds: e.seatIds }
}

interface FormattedError {
  message: string
  extensions?: { code?: unknown; retryAfterSeconds?: unknown }
}

const isFormattedErrors = (x: unknown): x is FormattedError[] =>
  Array.isArray(x) && x.every((e) => typeof e === 'object' && e !== null && 'message' in e)

const offlineOr = (code: 'NETWORK' | 'CONNECTION', detail?: string): Problem =>
  navigator.onLine ? { code, message: explain('NETWORK', detail) } : { code: 'OFFLINE', message: explain('OFFLINE') }

/** Normalises urql's CombinedError, graphql-ws error payloads and close events. */
export function problemFrom(err: unknown): Problem {
  if (err instanceof CombinedError) {
    const first = err.graphQLErrors[0]
    if (first) return fromFormatted(first)
    if (err.response && (err.response as Response).status === 429) return { code: 'RATE_LIMITED', message: explain('RATE_LIMITED') }
    return offlineOr('NETWORK')
  }
  if (isFormattedErrors(err) && err[0]) return fromFormatted(err[0])
  if (typeof err === 'object' && err !== null && 'code' in err && 'reason' in err) {
    return offlineOr('CONNECTION', `The live connection closed (${String((err as CloseEvent).code)}).`)
  }
  return offlineOr('NETWORK')
}

function fromFormatted(e: FormattedError): Problem {
  const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR'
  const wait = e.extensions?.retryAfterSeconds
  // "A few seconds" is wrong for a log-in lockout of fifteen minutes: say the server's wait.
  if (code === 'RATE_LIMITED' && typeof wait === 'number' && wait > 10) {
    return { code, message: `Too many attempts. Please try again in ${waitWords(wait)}.` }
  }
  return { code, message: explain(code, e.message) }
}

const waitWords = (seconds: number) =>
  seconds < 90 ? `${Math.ceil(seconds)} seconds` : `about ${Math.ceil(seconds / 60)} minutes`
