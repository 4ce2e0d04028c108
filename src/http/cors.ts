import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * CORS for browsers on other origins, from CORS_ORIGINS. Empty (the default) sends no CORS
 * headers, so browsers keep other sites' scripts out (same-origin only); `*` lets any origin read
 * responses, which is safe here because auth is a Bearer token, never a cookie. Answers the
 * preflight itself; returns true when it did.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, origins: readonly string[]): boolean {
  const origin = req.headers.origin
  const any = origins.includes('*')
  const allowed = !!origin && (any || origins.includes(origin))
  if (allowed) {
    res.setHeader('access-control-allow-origin', any ? '*' : origin)
    res.setHeader('access-control-expose-headers', 'x-request-id, retry-after')
    if (!any) res.setHeader('vary', 'Origin')
  }
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false
  res.writeHead(204, allowed ? {
    'access-control-allow-methods': 'GET, POST, PATCH, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type, x-request-id',
    'access-control-max-age': '600',
  } : {})
  res.end()
  return true
}
