import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaticHandler } from '../../src/http/static.ts'

/** A server with the static handler in front and a stand-in for the API behind it. */
async function serve(root: string) {
  const handle = createStaticHandler(root)
  const server = http.createServer(async (req, res) => {
    if (await handle(req, res)) return
    res.writeHead(418).end('api')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  /** Raw request: the path goes out exactly as written, `..` and all (fetch would normalise it). */
  const get = (urlPath: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers }, (res) => {
        let body = ''
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
      })
      req.on('error', reject).end()
    })
  return { get, close: () => new Promise((r) => server.close(r)) }
}

describe('static files of the seat picker', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-web-'))
  let site: Awaited<ReturnType<typeof serve>>

  beforeAll(async () => {
    fs.mkdirSync(path.join(root, 'assets'))
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>picker</title>')
    fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)')
    fs.writeFileSync(path.join(root, 'assets', 'index-abc123.css'), 'body{}')
    fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg/>')
    fs.writeFileSync(path.join(root, '.env'), 'SECRET=1')
    site = await serve(root)
  })
  afterAll(async () => {
    await site.close()
    fs.rmSync(root, { recursive: true, force: true })
  })

  it('answers / with index.html, revalidated on every visit', async () => {
    const res = await site.get('/')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>picker</title>')
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-cache')
    const again = await site.get('/', { 'if-none-match': res.headers.etag! })
    expect(again.status).toBe(304)
  })

  it('serves hashed assets with their content type, cached for a year', async () => {
    const js = await site.get('/assets/index-abc123.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(js.headers['x-content-type-options']).toBe('nosniff')
    expect((await site.get('/assets/index-abc123.css')).headers['content-type']).toBe('text/css; charset=utf-8')
    expect((await site.get('/favicon.svg')).headers['content-type']).toBe('image/svg+xml')
    const head = await site.get('/assets/index-abc123.js', {}, 'HEAD')
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '14'])
  })

  it('answers 404 for a missing asset and leaves every other path to the API', async () => {
    expect((await site.get('/assets/nope.js')).status).toBe(404)
    expect((await site.get('/assets/')).status).toBe(404)
    for (const p of ['/graphql', '/health', '/metrics', '/api/v1/bookings/my-bookings', '/missing.txt']) {
      expect((await site.get(p)).status, p).toBe(418)
    }
    expect((await site.get('/index.html', {}, 'POST')).status).toBe(418)
  })

  it('never serves a file outside the build or a dotfile', async () => {
    const secret = path.join(root, '..', `${path.basename(root)}-secret.txt`)
    fs.writeFileSync(secret, 'top secret')
    try {
      const outside = `${path.basename(root)}-secret.txt`
      for (const p of [`/../${outside}`, `/assets/../../${outside}`, `/%2e%2e/${outside}`, `/assets/%2e%2e%2f%2e%2e%2f${outside}`, '/.env', '/assets/%00.js']) {
        const res = await site.get(p)
        expect(res.body, p).not.toContain('top secret')
        expect(res.body, p).not.toContain('SECRET')
        expect([404, 418], p).toContain(res.status)
      }
    } finally {
      fs.rmSync(secret)
    }
  })

  it('says how to build the client when there is no build', async () => {
    const bare = await serve(path.join(root, 'not-built'))
    try {
      const res = await bare.get('/')
      expect(res.status).toBe(503)
      expect(res.body).toContain('npm run build:web')
      expect((await bare.get('/assets/index.js')).status).toBe(404)
    } finally {
      await bare.close()
    }
  })
})
