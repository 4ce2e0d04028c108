import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Services } from '../services.ts'
import { HttpError, readBody, sendHttpError, sendJson } from './http-errors.ts'
import { MAX_INPUT_DEPTH, nestedDeeperThan } from './input-depth.ts'
import { REST_DOCUMENTS } from './rest-documents.ts'
import { toRestAnswer, type GqlAnswer } from './rest-response.ts'
import type { Yoga } from './yoga.ts'

interface RestRequest {
  params: Record<string, string>
  query: URLSearchParams
  body: Record<string, unknown>
}

interface RestRoute {
  method: 'GET' | 'POST' | 'PATCH'
  pattern: string
  document: string
  variables(r: RestRequest): Record<string, unknown>
  successStatus?: number
  present?(result: never): unknown
  whenNull?(data: GqlAnswer['data']): HttpError
}

const pick = (body: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => k in body).map((k) => [k, body[k]]))
// A malformed number stays a string, so GraphQL refuses it with a clear VALIDATION error.
const int = (v: string | null) => (v == null ? undefined : /^-?\d{1,15}$/.test(v) ? Number(v) : v)
const list = (v: string | null) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined)

/**
 * The seed's REST routes, as a thin adapter over the GraphQL API: each runs a fixed operation
 * through the same Yoga pipeline (auth from the same Bearer header, limits, masking, metrics), so
 * REST can never do what GraphQL would refuse. (SOFA would generate routes for every root field,
 * its /webhook subscription endpoint included, in shapes other than the seed's.)
 */
export const REST_ROUTES: RestRoute[] = [
  { method: 'POST', pattern: '/api/v1/bookings/book', document: REST_DOCUMENTS.bookSeats, successStatus: 201,
    variables: (r) => ({ input: pick(r.body, ['showId', 'seatIds', 'idempotencyKey']) }), present: (s: { booking: unknown }) => s.booking },
  { method: 'POST', pattern: '/api/v1/bookings/confirm', document: REST_DOCUMENTS.confirmBooking,
    variables: (r) => ({ input: pick(r.body, ['bookingId', 'paymentToken', 'idempotencyKey']) }), present: (s: { booking: unknown }) => s.booking },
  { method: 'GET', pattern: '/api/v1/bookings/status/:bookingId', document: REST_DOCUMENTS.booking,
    variables: (r) => ({ id: r.params.bookingId }),
    whenNull: (data) => (data?.viewer ? new HttpError(404, 'BOOKING_NOT_FOUND', 'No such booking.') : new HttpError(401, 'UNAUTHENTICATED', 'You must be logged in.')) },
  { method: 'GET', pattern: '/api/v1/bookings/my-bookings', document: REST_DOCUMENTS.myBookings,
    variables: (r) => ({ first: int(r.query.get('first')), after: r.query.get('after') ?? undefined, status: list(r.query.get('status')) }),
    present: (c: { edges: { node: unknown }[]; pageInfo: unknown }) => ({ bookings: c.edges.map((e) => e.node), pageInfo: c.pageInfo }) },
  { method: 'PATCH', pattern: '/api/v1/bookings/cancel/:bookingId', document: REST_DOCUMENTS.cancelBooking,
    variables: (r) => ({ input: { bookingId: r.params.bookingId } }), present: (s: { booking: unknown }) => s.booking },
  { method: 'GET', pattern: '/admin/queue/stats', document: REST_DOCUMENTS.queueStats, variables: () => ({}), present: (queues: unknown) => ({ queues }) },
  { method: 'GET', pattern: '/admin/queue/failed', document: REST_DOCUMENTS.failedJobs,
    variables: (r) => ({ queue: r.query.get('queue') ?? undefined, first: int(r.query.get('first')), offset: int(r.query.get('offset')) }),
    present: (jobs: unknown) => ({ jobs }) },
  { method: 'POST', pattern: '/admin/queue/retry/:jobId', document: REST_DOCUMENTS.retryJob, variables: (r) => ({ queue: r.body.queue, jobId: r.params.jobId }) },
  { method: 'POST', pattern: '/admin/queue/pause', document: REST_DOCUMENTS.pauseQueue, variables: (r) => ({ queue: r.body.queue }) },
  { method: 'POST', pattern: '/admin/queue/resume', document: REST_DOCUMENTS.resumeQueue, variables: (r) => ({ queue: r.body.queue }) },
]

/** The routes whose pattern matches `path` (any method), with their decoded path parameters. */
export function matchRoutes(path: string): { route: RestRoute; params: Record<string, string> }[] {
  const parts = path.split('/')
  const matches = []
  for (const route of REST_ROUTES) {
    const pattern = route.pattern.split('/')
    if (pattern.length !== parts.length) continue
    const params: Record<string, string> = {}
    const fits = pattern.every((p, i) => {
      if (!p.startsWith(':')) return p === parts[i]
      params[p.slice(1)] = decodeSegment(parts[i]!)
      return parts[i] !== ''
    })
    if (fits) matches.push({ route, params })
  }
  return matches
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'VALIDATION', 'The path is not valid.')
  }
}

export const isRestPath = (path: string) => path.startsWith('/api/') || path.startsWith('/admin/')

async function parseBody(req: IncomingMessage, max: number): Promise<Record<string, unknown>> {
  const text = await readBody(req, max)
  if (!text.trim()) return {}
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.')
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new HttpError(400, 'VALIDATION', 'The body is not valid JSON.')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'VALIDATION', 'The body must be a JSON object.')
  // Checked before anything stringifies it: thousands of levels would overflow the stack.
  if (nestedDeeperThan(body)) throw new HttpError(400, 'VALIDATION', `The body must not nest more than ${MAX_INPUT_DEPTH} levels deep.`)
  return body as Record<string, unknown>
}

/** Serves a REST path; false when `path` is not one (another handler's turn). */
export function createRestHandler(services: Services, yoga: Yoga) {
  return async function handleRest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!isRestPath(url.pathname)) return false
    try {
      const matches = matchRoutes(url.pathname)
      if (!matches.length) throw new HttpError(404, 'NOT_FOUND', 'No such route.')
      const match = matches.find((m) => m.route.method === req.method)
      if (!match) throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.', { allow: matches.map((m) => m.route.method).join(', ') })
      const { route, params } = match
      const body = route.method === 'GET' ? {} : await parseBody(req, services.config.httpMaxBodyBytes)
      const variables = route.variables({ params, query: url.searchParams, body })
      const response = await yoga.fetch(
        'http://localhost/graphql',
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'x-request-id': String(req.headers['x-request-id'] ?? ''),
            ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          },
          body: JSON.stringify({ query: route.document, variables }),
        },
        { req },
      )
      const answer = toRestAnswer((await response.json()) as GqlAnswer, response.status, route)
      sendJson(res, answer.status, answer.body, answer.headers)
    } catch (err) {
      if (!(err instanceof HttpError)) services.logger.error({ err }, 'REST adapter failed')
      sendHttpError(res, err instanceof HttpError ? err : new HttpError(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.'))
    }
    return true
  }
}
