import { HttpError } from './http-errors.ts'

/** HTTP status of each error code a GraphQL answer can carry (ErrorCode values and auth codes). */
const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION: 400,
  TOO_MANY_SEATS: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SEATS_UNAVAILABLE: 409,
  INVALID_STATE: 409,
  HOLD_EXPIRED: 409,
  SHOW_STARTED: 409,
  RATE_LIMITED: 429,
}

// What Yoga and graphql-js call a malformed request; to a REST client it is all VALIDATION.
const REQUEST_SHAPE_CODES = new Set(['BAD_REQUEST', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED'])

export const statusForCode = (code: string): number => STATUS_BY_CODE[code] ?? (code.endsWith('_NOT_FOUND') ? 404 : 500)

export interface GqlAnswer {
  data?: { result?: unknown; viewer?: unknown } | null
  errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[]
}

export interface RestAnswer {
  status: number
  body: unknown
  headers: Record<string, string>
}

const failure = (status: number, error: object, headers: Record<string, string> = {}): RestAnswer => ({ status, body: { error }, headers })

/**
 * Maps a GraphQL answer onto HTTP: a GraphQL error (auth, malformed input, masked internal error)
 * and the error branch of a mutation's result union both become `{ error: { code, message, … } }`
 * with the status of their code; a result becomes the body with the route's success status.
 */
export function toRestAnswer(
  answer: GqlAnswer,
  httpStatus: number,
  route: { successStatus?: number; present?: (result: never) => unknown; whenNull?: (data: GqlAnswer['data']) => HttpError },
): RestAnswer {
  const result = answer.data?.result
  const first = answer.errors?.[0]
  if (first && result == null) {
    const raw = first.extensions?.code ?? (httpStatus >= 400 && httpStatus < 500 ? 'VALIDATION' : 'INTERNAL_SERVER_ERROR')
    const code = REQUEST_SHAPE_CODES.has(raw) ? 'VALIDATION' : raw
    const retry = first.extensions?.retryAfterSeconds
    if (!retry) return failure(statusForCode(code), { code, message: first.message })
    return failure(statusForCode(code), { code, message: first.message, retryAfterSeconds: retry }, { 'retry-after': String(retry) })
  }
  if (result == null) {
    const err = route.whenNull?.(answer.data) ?? new HttpError(404, 'NOT_FOUND', 'Not found.')
    return failure(err.status, { code: err.code, message: err.message })
  }
  if (typeof result === 'object' && 'code' in result && typeof result.code === 'string') {
    const { retryAfterSeconds: retry, ...error } = result as { code: string; retryAfterSeconds?: number | null }
    if (!retry) return failure(statusForCode(error.code), error)
    return failure(statusForCode(error.code), { ...error, retryAfterSeconds: retry }, { 'retry-after': String(retry) })
  }
  return { status: route.successStatus ?? 200, body: route.present ? route.present(result as never) : result, headers: {} }
}
