import { randomUUID, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Services } from '../services.ts'
import { applyCors } from './cors.ts'
import { readiness } from './health.ts'
import { bodySizeProblem, hasUnsizedBody, HttpError, readBodyBytes, sendHttpError, sendJson } from './http-errors.ts'
import { createRestHandler, isRestPath, matchRoutes } from './rest.ts'
import type { Yoga } from './yoga.ts'

const FIXED_ROUTES = new Set(['/graphql', '/health', '/ready', '/metrics'])
/** Read-only endpoints for probes and scrapers: GET (or HEAD) only. */
const PROBES: Record<string, 'health' | 'ready' | 'metrics'> = { '/health': 'health', '/ready': 'ready', '/metrics': 'metrics' }
const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'])

/** An incoming x-request-id is kept when it looks like an id (it ends up in every log line). */
const acceptRequestId = (value: string | string[] | undefined) =>
  typeof value === 'string' && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID()

const sameSecret = (given: string, expected: string) =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))

/**
 * A body already read, as @whatwg-node (Yoga's Node adapter) takes it from `req.body`: any own
 * enumerable key marks it read, and it iterates as the body. (A bare Buffer would do, but the
 * adapter's Object.keys check lists every byte of it: ~10 ms for 100 KB.)
 */
const asReadBody = (bytes: Buffer) => ({
  bytes,
  async *[Symbol.asyncIterator]() {
    yield bytes
  },
})

/** Reads a chunked body (413 past `max`) and leaves it as `req.body`, where Yoga looks first. */
async function readUnsizedBody(req: IncomingMessage, max: number) {
  const bytes = await readBodyBytes(req, max)
  ;(req as IncomingMessage & { body?: unknown }).body = asReadBody(bytes)
}

/** Whether a GET's `variables` or `extensions` parameter is there but not JSON. */
function malformedParams(url: URL): boolean {
  for (const name of ['variables', 'extensions']) {
    const value = url.searchParams.get(name)
    if (!value) continue
    try {
      JSON.parse(value)
    } catch {
      return true
    }
  }
  return false
}

/** A bounded label for metrics: REST routes by pattern, anything unknown as "other". */
function routeLabel(path: string): string {
  if (FIXED_ROUTES.has(path)) return path
  if (isRestPath(path)) {
    try {
      return matchRoutes(path)[0]?.route.pattern ?? 'other'
    } catch {
      return 'other'
    }
  }
  return 'other'
}

/**
 * What every HTTP request passes before anything else: a request id (kept from x-request-id or
 * made, echoed back), HTTP metrics, CORS, the body size limit (chunked bodies too), then /health,
 * /ready, /metrics and the REST routes. Returns true when it answered; otherwise the request goes
 * on to the next handler.
 */
export function createFrontDoor(services: Services, yoga: Yoga) {
  const { config, metrics, logger } = services
  const handleRest = createRestHandler(services, yoga)

  return async function frontDoor(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const startedAt = performance.now()
    const requestId = acceptRequestId(req.headers['x-request-id'])
    // Yoga builds the GraphQL context from these headers: the same id reaches its logs.
    req.headers['x-request-id'] = requestId
    res.setHeader('x-request-id', requestId)
    // Concatenated, not resolved: a path like `//host/x` must stay a path, not become a host.
    const url = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`)
    const method = METHODS.has(req.method ?? '') ? req.method! : 'OTHER'
    const route = routeLabel(url.pathname)
    res.once('finish', () => {
      metrics.httpRequests.inc({ method, route, status: res.statusCode })
      metrics.httpDuration.observe({ method, route }, (performance.now() - startedAt) / 1000)
    })

    try {
      if (applyCors(req, res, config.corsOrigins)) return true
      const tooLarge = bodySizeProblem(req, config.httpMaxBodyBytes)
      if (tooLarge) {
        sendHttpError(res, tooLarge)
        return true
      }
      // A form post is the one body type a browser sends cross-site without asking (no preflight),
      // and Yoga would run it: signUp and logIn from every visitor of a hostile page.
      if (url.pathname === '/graphql' && req.method === 'POST' && /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
        sendHttpError(res, new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send GraphQL requests as application/json.'))
        return true
      }
      if (url.pathname === '/graphql' && req.method === 'GET' && malformedParams(url)) {
        // Yoga parses these itself and would fail with a bare SyntaxError: a masked 500.
        sendJson(res, 400, { errors: [{ message: 'variables and extensions must be JSON objects.', extensions: { code: 'BAD_REQUEST' } }] })
        return true
      }
      const probe = PROBES[url.pathname]
      if (probe) {
        await serveProbe(probe, req, res)
        return true
      }
      if (await handleRest(req, res, url)) return true
      // A chunked body declares no length, so it is read here, counted as it streams (413 past the
      // cap), and handed on as `req.body`, which Yoga takes instead of the spent stream. A body
      // with a Content-Length was bounded above and streams to Yoga untouched.
      if (hasUnsizedBody(req)) await readUnsizedBody(req, config.httpMaxBodyBytes)
      return false
    } catch (err) {
      if (err instanceof HttpError) {
        if (!res.headersSent) sendHttpError(res, err)
        return true
      }
      // The client went away mid-body (a chunked one is read here): nobody to answer, nothing wrong here.
      if (req.destroyed || res.destroyed) {
        logger.debug({ err, reqId: requestId }, 'client left before its request was read')
        return true
      }
      logger.error({ err, reqId: requestId }, 'HTTP request failed')
      if (!res.headersSent) sendHttpError(res, new HttpError(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.'))
      return true
    }
  }

  async function serveProbe(probe: (typeof PROBES)[string], req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendHttpError(res, new HttpError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.', { allow: 'GET, HEAD' }))
    } else if (probe === 'health') {
      sendJson(res, 200, { status: 'ok' })
    } else if (probe === 'ready') {
      const report = await readiness(services)
      sendJson(res, report.ok ? 200 : 503, report)
    } else {
      await serveMetrics(req, res)
    }
  }

  async function serveMetrics(req: IncomingMessage, res: ServerResponse) {
    if (config.metricsToken && !sameSecret(req.headers.authorization ?? '', `Bearer ${config.metricsToken}`)) {
      sendHttpError(res, new HttpError(401, 'UNAUTHENTICATED', 'GET /metrics needs the metrics token.'))
      return
    }
    const text = await metrics.registry.metrics()
    res.writeHead(200, { 'content-type': metrics.registry.contentType })
    res.end(text)
  }
}
