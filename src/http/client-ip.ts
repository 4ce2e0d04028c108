import type { IncomingMessage } from 'node:http'

/**
 * The caller's address for per-IP limits. Behind a reverse proxy (TRUST_PROXY=true) it is the
 * address the proxy appended last to X-Forwarded-For — the one hop we trust; earlier entries are
 * whatever the client claimed. Without a proxy the header is ignored: anyone can send it.
 */
export function clientIp(req: IncomingMessage | undefined, trustProxy: boolean): string {
  const socketAddress = req?.socket?.remoteAddress ?? 'unknown'
  if (!trustProxy || !req) return socketAddress
  const header = req.headers['x-forwarded-for']
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => h.trim()).filter(Boolean)
  return hops.at(-1) ?? socketAddress
}
