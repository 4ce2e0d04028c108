import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where `npm run build:web` writes the seat picker. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url))

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>seatgraph</title>
<p>The seat picker has not been built yet. Run <code>npm run build:web</code> and reload.
The GraphQL API is at <a href="/graphql">/graphql</a>.</p>`

/**
 * Serves the built seat picker at `/`. It answers `/`, `/index.html`, anything under `/assets/`
 * (404 when missing) and other files that exist in the build; every other request is left to the
 * caller (GraphQL, health, metrics), so this never shadows an API route. Vite puts a content hash
 * in every asset name, so assets are cached for a year and index.html is revalidated each time.
 */
export function createStaticHandler(root: string = WEB_DIST) {
  const base = path.resolve(root)

  return async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://static').pathname)
    } catch {
      return false // malformed escapes are nobody's file; let the API answer them
    }
    if (pathname === '/' || pathname === '/index.html') {
      if (await sendFile(req, res, path.join(base, 'index.html'), 'no-cache')) return true
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      res.end(req.method === 'HEAD' ? undefined : NOT_BUILT)
      return true
    }
    const isAsset = pathname.startsWith('/assets/')
    // API routes (/graphql, /health, /metrics…) have no extension: no file lookup for them.
    if (!isAsset && !path.extname(pathname)) return false
    const file = path.resolve(base, `.${pathname}`)
    // Only files inside the build, never its dotfiles, whatever `..` or `%2e%2e` the path holds.
    const inside = file.startsWith(base + path.sep) && !pathname.includes('\0') && !/(^|\/)\./.test(pathname)
    if (inside && (await sendFile(req, res, file, isAsset ? 'public, max-age=31536000, immutable' : 'public, max-age=300'))) return true
    if (!isAsset) return false
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(req.method === 'HEAD' ? undefined : 'Not found')
    return true
  }
}

/** Streams a regular file; false when there is none at that path. */
async function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, cacheControl: string): Promise<boolean> {
  let stat: fs.Stats
  try {
    stat = await fs.promises.stat(file)
  } catch {
    return false
  }
  if (!stat.isFile()) return false
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`
  const headers = {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
    etag,
    'last-modified': stat.mtime.toUTCString(),
  }
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers)
    res.end()
    return true
  }
  res.writeHead(200, { ...headers, 'content-length': stat.size })
  if (req.method === 'HEAD') {
    res.end()
    return true
  }
  await new Promise<void>((resolve) => {
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .on('close', resolve)
      .pipe(res)
  })
  return true
}
