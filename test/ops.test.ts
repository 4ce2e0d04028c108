import net from 'node:net'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiServer } from '../src/http/api-server.ts'
import { createServices } from '../src/services.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { hold } from './support/booking-helpers.ts'
import { BookSeats } from './support/operations.ts'
import { startPrivateRedis } from './support/private-redis.ts'
import { connect, SEAT_MAP, subscribe } from './support/ws-client.ts'

let app: TestApp
let base: string
beforeAll(async () => {
  app = await createTestApp()
  base = (await app.listen()).url.replace(/\/graphql$/, '')
})
afterAll(() => app?.close())

const metricValue = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '))
  return line ? Number(line.slice(series.length + 1)) : undefined
}

describe('health and readiness', () => {
  it('answers /health with 200 JSON', async () => {
    const res = await fetch(`${base}/health`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('is ready only while every shipped migration is applied and finished', async () => {
    expect(await (await fetch(`${base}/ready`)).json()).toEqual({ ok: true, postgres: 'ok', redis: 'ok', migrations: 'ok' })
    const [row] = await app.prisma.$queryRaw<{ migration_name: string; finished_at: Date }[]>`SELECT migration_name, finished_at FROM _prisma_migrations LIMIT 1`
    await app.prisma.$executeRaw`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ${row!.migration_name}`
    try {
      const res = await fetch(`${base}/ready`)
      expect(res.status).toBe(503)
      expect(await res.json()).toMatchObject({ ok: false, migrations: `not applied: ${row!.migration_name}` })
    } finally {
      await app.prisma.$executeRaw`UPDATE _prisma_migrations SET finished_at = ${row!.finished_at} WHERE migration_name = ${row!.migration_name}`
    }
  })

  it('serves the probes to GET and HEAD only', async () => {
    for (const path of ['/health', '/ready', '/metrics']) {
      expect((await fetch(`${base}${path}`, { method: 'HEAD' })).status).toBe(200)
      for (const method of ['POST', 'DELETE']) {
        const res = await fetch(`${base}${path}`, { method })
        expect(res.status).toBe(405)
        expect(res.headers.get('allow')).toBe('GET, HEAD')
        expect(await res.json()).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed.' } })
      }
    }
  })

  it('answers /ready 503 when Redis stalls, instead of hanging with it', async () => {
    const redis = await startPrivateRedis()
    const stalled = await createTestApp({ REDIS_URL: redis.url })
    try {
      const url = (await stalled.listen()).url.replace(/\/graphql$/, '/ready')
      const ready = async () => {
        const res = await fetch(url, { signal: AbortSignal.timeout(15_000) })
        return { status: res.status, body: await res.json() }
      }
      expect((await ready()).status).toBe(200)
      redis.pause()
      expect(await ready()).toEqual({ status: 503, body: { ok: false, postgres: 'ok', redis: 'no answer within 2000 ms', migrations: 'ok' } })
      redis.resume()
      expect((await ready()).status).toBe(200)
    } finally {
      redis.resume()
      await stalled.close()
      await redis.stop()
    }
  })
})

describe('metrics', () => {
  it('exposes request, operation, booking, hold, queue and subscriber metrics of this instance', async () => {
    const [user, rival] = [await app.factory.user(), await app.factory.user()]
    const show = await app.factory.show({ seats: 4 })
    const ws = connect(base.replace('http', 'ws') + '/graphql')
    // From version 0: a hold can commit before the subscription is live; the replay still has it.
    const sub = subscribe(ws, SEAT_MAP, { showId: show.globalId, sinceVersion: 0 }, (d) => d)
    await hold(app, user, show, [0, 1])
    await sub.waitFor(1)
    await app.gql(BookSeats, { input: { showId: show.globalId, seatIds: [show.seats[1]!.globalId] } }, rival.token)
    await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"query Probe { viewer { id } }"}' })

    const res = await fetch(`${base}/metrics`)
    expect(res.headers.get('content-type')).toMatch(/text\/plain/)
    const text = await res.text()
    expect(metricValue(text, 'http_requests_total{method="POST",route="/graphql",status="200"}')).toBeGreaterThanOrEqual(1)
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/graphql"\}/)
    expect(metricValue(text, 'graphql_operations_total{type="query",name="Probe",outcome="ok"}')).toBe(1)
    expect(metricValue(text, 'graphql_operations_total{type="mutation",name="BookSeats",outcome="ok"}')).toBe(2)
    expect(metricValue(text, 'seatgraph_booking_mutations_total{mutation="bookSeats",outcome="success"}')).toBe(1)
    expect(metricValue(text, 'seatgraph_booking_mutations_total{mutation="bookSeats",outcome="SEATS_UNAVAILABLE"}')).toBe(1)
    expect(metricValue(text, 'seatgraph_holds_active')).toBeGreaterThanOrEqual(2)
    expect(metricValue(text, 'seatgraph_queue_jobs{queue="expirations",state="delayed"}')).toBeGreaterThanOrEqual(1)
    expect(metricValue(text, 'seatgraph_seat_map_subscribers')).toBe(1)
    expect(metricValue(text, 'seatgraph_ws_connections')).toBe(1)
    expect(text).toMatch(/^process_cpu_user_seconds_total /m)
    await ws.dispose()

    // A second instance has a registry of its own: nothing of the above is counted there.
    const other = await app.listen()
    const otherText = await (await fetch(other.url.replace('/graphql', '/metrics'))).text()
    expect(metricValue(otherText, 'graphql_operations_total{type="query",name="Probe",outcome="ok"}')).toBeUndefined()
  })
})

describe('request ids, operation logs and shutdown', () => {
  it('keeps or makes a request id, returns it, and logs one line per operation with it', async () => {
    const lines: Record<string, unknown>[] = []
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) })
    const services = createServices(app.config, pino({ level: 'info' }, sink))
    const server = createApiServer(services)
    const url = `http://127.0.0.1:${await server.start(0, '127.0.0.1')}/graphql`
    try {
      const post = (headers: Record<string, string>) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query":"query WhoAmI { viewer { id } }"}' })
      const kept = await post({ 'x-request-id': 'trace-abc.123' })
      expect(kept.headers.get('x-request-id')).toBe('trace-abc.123')
      const replaced = await post({ 'x-request-id': 'bad id\twith "quotes"' })
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
      const made = (await post({})).headers.get('x-request-id')
      expect(made).toMatch(/^[0-9a-f-]{36}$/)
      const ops = lines.filter((l) => l.msg === 'graphql operation')
      expect(ops.map((l) => l.reqId)).toEqual(['trace-abc.123', replaced.headers.get('x-request-id'), made])
      expect(ops[0]).toMatchObject({ level: 30, op: 'WhoAmI', type: 'query', outcome: 'ok', ms: expect.any(Number) })
    } finally {
      await server.stop()
      await services.close()
    }
  })

  it('finishes a request in flight when stopping, and takes no new ones', async () => {
    const server = createApiServer(app.services)
    const port = await server.start(0, '127.0.0.1')
    const body = '{"query":"{ viewer { id } }"}'
    const socket = net.connect(port, '127.0.0.1')
    await new Promise((resolve) => socket.once('connect', resolve))
    let answer = ''
    socket.on('data', (d) => (answer += d))
    // Headers and half the body now, the rest after stop() has begun.
    socket.write(`POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, 10)}`)
    await new Promise((r) => setTimeout(r, 100))
    const stopped = server.stop()
    await new Promise((r) => setTimeout(r, 100))
    socket.end(body.slice(10))
    await stopped
    expect(answer).toMatch(/^HTTP\/1.1 200 OK/)
    expect(answer).toContain('{"data":{"viewer":null}}')
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow()
  })
})

describe('configuration: CORS, introspection, metrics token', () => {
  let configured: TestApp
  let cbase: string
  beforeAll(async () => {
    configured = await createTestApp({ CORS_ORIGINS: 'https://seats.example', GRAPHQL_INTROSPECTION: 'false', METRICS_TOKEN: 'metrics-secret-0123456789' })
    cbase = (await configured.listen()).url.replace(/\/graphql$/, '')
  })
  afterAll(() => configured?.close())
  const preflight = (at: string, origin: string) =>
    fetch(`${at}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } })

  it('sends CORS headers to configured origins only; none at all by default', async () => {
    const ok = await preflight(cbase, 'https://seats.example')
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://seats.example')
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/)
    const post = await fetch(`${cbase}/graphql`, { method: 'POST', headers: { origin: 'https://seats.example', 'content-type': 'application/json' }, body: '{"query":"{ viewer { id } }"}' })
    expect(post.headers.get('access-control-allow-origin')).toBe('https://seats.example')
    expect(post.headers.get('access-control-expose-headers')).toMatch(/x-request-id/)
    const evil = await preflight(cbase, 'https://evil.example')
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    expect((await preflight(base, 'https://seats.example')).headers.get('access-control-allow-origin')).toBeNull()
  })

  it('introspection is on by default (GraphiQL works) and can be turned off, hiding field suggestions too', async () => {
    const introspect = '{ __schema { queryType { name } } }'
    expect((await app.gql(introspect)).data).toEqual({ __schema: { queryType: { name: 'Query' } } })
    expect((await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(200)
    const off = await configured.gql(introspect)
    expect(off.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringMatching(/introspection/i) })
    expect((await configured.gql('{ viewr { id } }')).errors?.[0]?.message).not.toMatch(/Did you mean/)
    expect((await app.gql('{ viewr { id } }')).errors?.[0]?.message).toMatch(/Did you mean "viewer"/)
    // Variable coercion happens after validation, past GraphQL Armor's filter: hidden all the same.
    const coerce = 'query($q: QueueName!) { failedJobs(queue: $q) { id } }'
    expect((await app.gql(coerce, { q: 'PAYMENT' })).errors?.[0]?.message).toMatch(/Did you mean the enum value "PAYMENTS"\?/)
    const hidden = (await configured.gql(coerce, { q: 'PAYMENT' })).errors?.[0]?.message
    expect(hidden).toMatch(/Value "PAYMENT" does not exist in "QueueName" enum\.$/)
    expect(hidden).not.toMatch(/Did you mean|PAYMENTS/)
    // An enum literal in the document is a validation error, whose suggestion Armor's filter misses.
    const literal = '{ failedJobs(queue: PAYMENT) { id } }'
    expect((await app.gql(literal)).errors?.[0]?.message).toMatch(/Did you mean the enum value "PAYMENTS"\?/)
    expect((await configured.gql(literal)).errors?.[0]?.message).not.toMatch(/Did you mean|PAYMENTS/)
  })

  it('guards /metrics with METRICS_TOKEN when set', async () => {
    expect((await fetch(`${cbase}/metrics`)).status).toBe(401)
    expect((await fetch(`${cbase}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
    const ok = await fetch(`${cbase}/metrics`, { headers: { authorization: 'Bearer metrics-secret-0123456789' } })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toMatch(/seatgraph_holds_active/)
  })
})
