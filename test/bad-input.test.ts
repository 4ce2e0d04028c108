import { once } from 'node:events'
import http from 'node:http'
import net from 'node:net'
import { SignJWT } from 'jose'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { toGlobalId } from '../src/schema/global-id.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { hold } from './support/booking-helpers.ts'
import { eventually, sleep } from './support/wait.ts'
import { connect, SEAT_MAP, subscribe } from './support/ws-client.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
interface Answer { status: number; text: string; json: Json }
type User = Awaited<ReturnType<TestApp['factory']['user']>>
type Show = Awaited<ReturnType<TestApp['factory']['show']>>

let app: TestApp
let url: string
let user: User, owner: User, show: Show
let theirs: string // a booking of `owner`
let before: Awaited<ReturnType<typeof snapshot>>
const answers: Answer[] = []

beforeAll(async () => {
  app = await createTestApp({ MAX_SEATS_PER_BOOKING: '4' })
  url = (await app.listen()).url
  ;[user, owner] = [await app.factory.user(), await app.factory.user()]
  show = await app.factory.show({ seats: 8 })
  theirs = (await hold(app, owner, show, [0], 'owner-key')).id
  await hold(app, user, show, [1], 'my-key')
  before = await snapshot()
})
afterAll(() => app?.close())

/** Everything a hostile request could have changed. */
async function snapshot() {
  const [seats, version, bookings, users] = await Promise.all([
    app.prisma.seat.findMany({ where: { showId: show.id }, orderBy: { id: 'asc' }, select: { id: true, status: true, bookingId: true } }),
    app.prisma.show.findUniqueOrThrow({ where: { id: show.id }, select: { seatMapVersion: true, availableSeats: true } }),
    app.prisma.booking.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true } }),
    app.prisma.user.count(),
  ])
  return { seats, version, bookings, users }
}

async function send(init: RequestInit & { path?: string } = {}): Promise<Answer> {
  const res = await fetch(init.path ? url.replace('/graphql', init.path) : url, init)
  const text = await res.text()
  let json: Json = {}
  try {
    json = JSON.parse(text)
  } catch {
    json = {}
  }
  const answer = { status: res.status, text, json }
  answers.push(answer)
  return answer
}
/** A POST as a plain Node client makes it when it writes without a length: Transfer-Encoding: chunked. */
function postChunked(path: string, chunks: string[], headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url.replace('/graphql', path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => {
        const answer = { status: res.statusCode!, text, json: JSON.parse(text) as Json }
        answers.push(answer)
        resolve(answer)
      })
    })
    // Refused past the cap, the connection closes while the rest is still being written.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)))
    for (const chunk of chunks) req.write(chunk)
    req.end()
  })
}
const post = (body: string, headers: Record<string, string> = {}) => send({ method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })
const op = (query: string, variables?: unknown, token?: string) => post(JSON.stringify({ query, variables }), token ? { authorization: `Bearer ${token}` } : {})
const code = (a: Answer) => a.json.errors?.[0]?.extensions?.code
const BOOK = `mutation($i: BookSeatsInput!) { bookSeats(input: $i) { __typename ... on Error { code message } ... on ValidationError { field } } }`
const CONFIRM = `mutation($i: ConfirmBookingInput!) { confirmBooking(input: $i) { __typename ... on Error { code } ... on ValidationError { field } } }`
const CANCEL = `mutation($i: CancelBookingInput!) { cancelBooking(input: $i) { __typename ... on Error { code } ... on ValidationError { field } } }`
const SIGN_UP = `mutation($i: SignUpInput!) { signUp(input: $i) { __typename ... on Error { code } ... on ValidationError { field } } }`
const book = (input: Json, token = user.token) => op(BOOK, { i: input }, token)
const seat = (i: number) => show.seats[i]!.globalId
const jwt = (secret: string, claims: Json, exp: number) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id).setIssuer('seatgraph').setIssuedAt(exp - 60).setExpirationTime(exp).sign(new TextEncoder().encode(secret))

describe('hostile and broken requests', () => {
  it('transport: malformed JSON, wrong content type, huge or chunked bodies, batches, GET mutations, odd methods', async () => {
    const malformed = await post('{"query": "{ viewer { id } }"')
    expect([malformed.status, code(malformed)]).toEqual([400, 'BAD_REQUEST'])
    expect(malformed.json.errors[0].extensions.originalError).toEqual({ name: 'SyntaxError' }) // no parser message
    expect((await post('{"query":"{ viewer { id } }"}', { 'content-type': 'text/plain' })).status).toBe(415)
    // A form post needs no preflight: a hostile page could make its visitors sign up or log in.
    const form = await post(`query=${encodeURIComponent('mutation { signUp(input: { email: "x@y.io", password: "Aa1!aaaaaa", name: "X" }) { __typename } }')}`, {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(form.status).toBe(415)
    expect(await app.prisma.user.count({ where: { email: 'x@y.io' } })).toBe(0)
    const huge = await post(JSON.stringify({ query: '{ viewer { id } }', variables: { pad: 'x'.repeat(200_000) } }))
    expect(huge).toMatchObject({ status: 413, json: { error: { code: 'PAYLOAD_TOO_LARGE' } } })
    // Chunked bodies are legitimate HTTP/1.1: accepted, and held to the same cap by counting them.
    const chunked = await postChunked('/graphql', ['{"query":', '"{ show(id: \\"', show.globalId, '\\") { totalSeats } }"}'])
    expect(chunked).toMatchObject({ status: 200, json: { data: { show: { totalSeats: 8 } } } })
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('{"query":"{ viewer { id } }"}')), c.close()) })
    expect((await send({ method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit)).json).toEqual({ data: { viewer: null } })
    const hugeChunks = ['{"query":"{ viewer { id } }","variables":{"pad":"', ...Array.from({ length: 20 }, () => 'x'.repeat(10_000)), '"}}']
    expect(await postChunked('/graphql', hugeChunks)).toMatchObject({ status: 413, json: { error: { code: 'PAYLOAD_TOO_LARGE' } } })
    const restBody = JSON.stringify({ showId: 'garbage', seatIds: [seat(7)] })
    const restChunked = await postChunked('/api/v1/bookings/book', [restBody.slice(0, 12), restBody.slice(12)], { authorization: `Bearer ${user.token}` })
    expect(restChunked).toMatchObject({ status: 400, json: { error: { code: 'VALIDATION', field: 'showId' } } }) // the body arrived whole
    expect(await postChunked('/api/v1/bookings/book', hugeChunks, { authorization: `Bearer ${user.token}` })).toMatchObject({ status: 413 })
    expect(await post('[{"query":"{ viewer { id } }"}]')).toMatchObject({ status: 400, json: { errors: [{ message: 'Batching is not supported.' }] } })
    const getMutation = await send({ path: `/graphql?query=${encodeURIComponent(`mutation { cancelBooking(input: {bookingId: "${theirs}"}) { __typename } }`)}`, headers: { accept: 'application/json', authorization: `Bearer ${owner.token}` } })
    expect(getMutation.status).toBe(405)
    for (const param of ['variables', 'extensions']) {
      const badJson = await send({ path: `/graphql?query=${encodeURIComponent('{ viewer { id } }')}&${param}=%7Bx`, headers: { accept: 'application/json' } })
      expect([badJson.status, code(badJson)]).toEqual([400, 'BAD_REQUEST'])
    }
    expect((await send({ method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(405)
    expect(code(await post('{}'))).toBe('BAD_REQUEST') // no query
    expect(code(await post('{"query":"{ viewer { id } }","extra":1}'))).toBe('BAD_REQUEST')
    expect(code(await op('{ viewer { id '))).toBe('GRAPHQL_PARSE_FAILED')
  })

  it('query shape: deep nesting, alias bomb, fragment bomb and cycle, token and directive floods', async () => {
    const shapeError = async (query: string, pattern: RegExp) => {
      const a = await op(query)
      expect(a.json.data ?? null).toBeNull()
      expect(a.json.errors.some((e: Json) => pattern.test(e.message)), a.text).toBe(true)
    }
    await shapeError(`{ ${'... on Query { '.repeat(20)}viewer { id }${' }'.repeat(20)} }`, /depth limit of 10 exceeded/)
    await shapeError(`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: show(id: "${show.globalId}") { id }`).join(' ')} }`, /Aliases limit of 15 exceeded/)
    const laughs = ['fragment F0 on Query { viewer { id } }', ...Array.from({ length: 12 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`)]
    await shapeError(`query { ...F12 } ${laughs.join(' ')}`, /Cost limit of 10000 exceeded/)
    await shapeError('query { viewer { ...A } } fragment A on User { ...B } fragment B on User { ...A }', /Cannot spread fragment "A" within itself/)
    await shapeError(`{ ${'viewer { id } '.repeat(800)}}`, /Token limit of 2000 exceeded/)
    await shapeError(`{ viewer ${'@skip(if: false) '.repeat(60)}{ id } }`, /Directives limit of 50 exceeded/)
  })

  it('a client leaving in the middle of a chunked body is no server error', async () => {
    const errorLogs = vi.spyOn(app.services.logger, 'error')
    const { port } = new URL(url)
    const socket = net.connect(Number(port), '127.0.0.1')
    await once(socket, 'connect')
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"que\r\n')
    await sleep(100)
    socket.destroy()
    await sleep(200)
    expect(errorLogs).not.toHaveBeenCalled()
    errorLogs.mockRestore()
    expect((await post('{"query":"{ viewer { id } }"}')).json).toEqual({ data: { viewer: null } })
  })

  it('JSON nested thousands deep is VALIDATION over HTTP, REST and graphql-ws, never a stack overflow', async () => {
    const errorLogs = vi.spyOn(app.services.logger, 'error')
    // As text: JSON.stringify itself overflows on such values.
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n)
    const chart = JSON.stringify('query($id: ID!) { show(id: $id) { totalSeats } }') // public: the response cache keys it by its variables
    const id = JSON.stringify(show.globalId)
    for (let i = 0; i < 2; i++) { // the second time its text is cached, and looked up before execution
      expect((await post(`{"query":${chart},"variables":{"id":${id},"a":${deep(2)}}}`)).json.data.show.totalSeats).toBe(8)
      const nested = await post(`{"query":${chart},"variables":{"id":${id},"a":${deep(6000)}}}`)
      expect([nested.status, code(nested)]).toEqual([400, 'VALIDATION'])
    }
    expect(code(await post(`{"query":${chart},"variables":{"id":${id}},"extensions":{"a":${deep(6000)}}}`))).toBe('VALIDATION')
    expect((await post(`{"query":${chart},"variables":{"id":${id},"a":${deep(30)}}}`)).json.data.show.totalSeats).toBe(8) // deep, not absurd: fine
    const rest = await send({ path: '/api/v1/bookings/book', method: 'POST', body: `{"showId":${deep(40_000)}}`, headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` } })
    expect(rest).toMatchObject({ status: 400, json: { error: { code: 'VALIDATION' } } })

    // graphql-ws, spoken by hand (its client would stringify): a connection_init token of any
    // shape is merely malformed, and over-nested variables fail their own operation.
    const ws = new WebSocket(url.replace('http', 'ws'), 'graphql-transport-ws')
    const messages: Json[] = []
    ws.on('message', (m) => messages.push(JSON.parse(String(m))))
    await once(ws, 'open')
    const next = (type: string) => eventually(() => messages.find((m) => m.type === type))
    ws.send(`{"type":"connection_init","payload":{"authorization":${deep(6000)}}}`)
    await next('connection_ack')
    ws.send(`{"id":"1","type":"subscribe","payload":{"query":${chart},"variables":{"id":${id},"a":${deep(6000)}}}}`)
    expect((await next('error')).payload[0].extensions.code).toBe('VALIDATION')
    ws.send(`{"id":"2","type":"subscribe","payload":{"query":${chart},"variables":{"id":${id}}}}`)
    expect((await next('next')).payload).toEqual({ data: { show: { totalSeats: 8 } } })
    ws.close()
    expect(errorLogs).not.toHaveBeenCalled()
    errorLogs.mockRestore()
  })

  it('ids of every type: malformed, unknown, of another type', async () => {
    const lookup = (id: string) => op('query($id: ID!) { show(id: $id) { id } booking(id: $id) { id } node(id: $id) { id } }', { id }, user.token)
    for (const id of ['garbage', '', 'U2hvdzpub3BlCg==', toGlobalId('Show', crypto.randomUUID()), toGlobalId('Booking', crypto.randomUUID())]) {
      expect((await lookup(id)).json.data).toEqual({ show: null, booking: null, node: null })
    }
    // A seat's id names a seat: a node, but no show and no booking.
    expect((await lookup(seat(0))).json.data).toEqual({ show: null, booking: null, node: { id: seat(0) } })
    expect((await book({ showId: 'garbage', seatIds: [seat(2)] })).json.data.bookSeats).toMatchObject({ code: 'VALIDATION', field: 'showId' })
    expect((await book({ showId: show.globalId, seatIds: [toGlobalId('Booking', crypto.randomUUID())] })).json.data.bookSeats).toMatchObject({ code: 'VALIDATION', field: 'seatIds' })
    expect((await book({ showId: toGlobalId('Show', crypto.randomUUID()), seatIds: [seat(2)] })).json.data.bookSeats.code).toBe('SHOW_NOT_FOUND')
    expect((await book({ showId: show.globalId, seatIds: [toGlobalId('Seat', crypto.randomUUID())] })).json.data.bookSeats.code).toBe('SEAT_NOT_FOUND')
    expect((await op(CONFIRM, { i: { bookingId: seat(0), paymentToken: 'tok_visa' } }, user.token)).json.data.confirmBooking).toMatchObject({ code: 'VALIDATION', field: 'bookingId' })
    expect((await op(CANCEL, { i: { bookingId: toGlobalId('Booking', crypto.randomUUID()) } }, user.token)).json.data.cancelBooking.code).toBe('BOOKING_NOT_FOUND')
  })

  it("another user's booking: confirm, cancel and read look exactly like an id of nothing", async () => {
    expect((await op(CONFIRM, { i: { bookingId: theirs, paymentToken: 'tok_visa' } }, user.token)).json.data.confirmBooking.code).toBe('BOOKING_NOT_FOUND')
    expect((await op(CANCEL, { i: { bookingId: theirs } }, user.token)).json.data.cancelBooking.code).toBe('BOOKING_NOT_FOUND')
    expect((await op('query($id: ID!) { booking(id: $id) { id } }', { id: theirs }, user.token)).json.data.booking).toBeNull()
    expect((await send({ path: `/api/v1/bookings/status/${encodeURIComponent(theirs)}`, headers: { authorization: `Bearer ${user.token}` } })).status).toBe(404)
  })

  it('cursors we never issued and dates that do not exist are VALIDATION, not server errors', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64')
    const shows = (after: string) => op('query($a: String) { shows(first: 2, after: $a) { edges { cursor } } }', { a: after })
    const mine = (after: string) => op('query($a: String) { myBookings(first: 2, after: $a) { edges { cursor } } }', { a: after }, user.token)
    for (const after of ['garbage', b64('GPC:S:notauuid'), b64('GPC:N:1'), b64('GPC:S:'), b64(`GPC:S:${'x'.repeat(300)}`), b64(`GPC:S:${crypto.randomUUID()}`)]) {
      expect(code(await shows(after))).toBe('VALIDATION')
      expect(code(await mine(after))).toBe('VALIDATION')
    }
    const issued = (await shows(b64(`GPC:S:${show.id}`))).json
    expect(issued.errors).toBeUndefined()
    const window = (before: string) => op('query($b: DateTime) { shows(filter: { startsBefore: $b }) { edges { cursor } } }', { b: before })
    for (const before of ['2026-11-31T00:00:00Z', '2026-02-30T00:00:00Z', '2026-11-30T24:00:00Z', '2026-12-01T00:00:60Z', '2026-12-01', 'tomorrow']) {
      expect(code(await window(before))).toBe('VALIDATION')
    }
    for (const before of ['2028-02-29T10:00:00Z', '2028-03-01T01:00:00+01:00', '2028-03-01T00:00:00.123456Z']) {
      expect((await window(before)).json.errors).toBeUndefined()
    }
  })

  it('numbers out of range: negative, zero and huge page sizes, negative sinceVersion', async () => {
    const shows = (first: number) => op('query($f: Int) { shows(first: $f) { edges { cursor } } }', { f: first })
    for (const first of [-1, 0, 1e9]) expect(code(await shows(first))).toBe('VALIDATION')
    expect((await shows(1e12)).status).toBe(400) // not a 32-bit Int
    // Refused before execution by graphql-js, which gives them no code: bad input all the same.
    for (const refused of [await shows(1e12), await op('query($f: Int) { shows(first: $f) { edges { cursor } } }', { f: 'abc' }), await op('query($f: Int!) { shows(first: $f) { edges { cursor } } }')]) {
      expect([refused.status, code(refused)], refused.text).toEqual([400, 'VALIDATION'])
    }
    expect(code(await op('query($f: Int) { myBookings(first: $f) { edges { cursor } } }', { f: -5 }, user.token))).toBe('VALIDATION')
    const ws = connect(url.replace('http', 'ws'))
    const negative = subscribe(ws, SEAT_MAP, { showId: show.globalId, sinceVersion: -1 }, (d) => d)
    expect((await negative.waitForError()).extensions?.code).toBe('VALIDATION')
    const ahead = subscribe(ws, SEAT_MAP, { showId: show.globalId, sinceVersion: 1_000_000 }, (d) => d)
    expect((await ahead.waitForError()).extensions?.code).toBe('VALIDATION')
    await ws.dispose()
  })

  it('strings: overlong, unicode, NUL bytes in names, emails, keys and tokens', async () => {
    const signUp = (input: Json) => op(SIGN_UP, { i: { email: `u-${crypto.randomUUID()}@test.dev`, password: 'a-fine-password-1', name: 'N', ...input } })
    expect((await signUp({ name: 'n'.repeat(10_000) })).json.data.signUp).toMatchObject({ code: 'VALIDATION', field: 'name' })
    expect((await signUp({ email: `${'e'.repeat(300)}@test.dev` })).json.data.signUp).toMatchObject({ code: 'VALIDATION', field: 'email' })
    expect((await signUp({ email: 'ünï@ß\u202e.dev' })).json.data.signUp).toMatchObject({ code: 'VALIDATION', field: 'email' })
    expect((await signUp({ password: 'p'.repeat(5000) })).json.data.signUp).toMatchObject({ code: 'VALIDATION', field: 'password' })
    expect(code(await signUp({ name: 'a\u0000b' }))).toBe('VALIDATION')
    expect(code(await op(`mutation { signUp(input: { email: "x@y.dev", password: "a-fine-password-1", name: "a\\u0000b" }) { __typename } }`))).toBe('VALIDATION')
    expect((await book({ showId: show.globalId, seatIds: [seat(2)], idempotencyKey: '🎟️'.repeat(101) })).json.data.bookSeats).toMatchObject({ code: 'VALIDATION', field: 'idempotencyKey' })
    expect(code(await book({ showId: show.globalId, seatIds: [seat(2)], idempotencyKey: 'k\u0000' }))).toBe('VALIDATION')
    expect((await op(CONFIRM, { i: { bookingId: theirs, paymentToken: 't'.repeat(201) } }, owner.token)).json.data.confirmBooking).toMatchObject({ code: 'VALIDATION', field: 'paymentToken' })
  })

  it('tokens: expired, tampered, foreign secret, alg none, not Bearer; admin operations as a user', async () => {
    const now = Math.floor(Date.now() / 1000)
    const [header, payload, signature] = user.token.split('.')
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString())
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...forged, role: 'ADMIN' })).toString('base64url')}.${signature}`
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`
    const tokens = [await jwt(app.config.jwtSecret, { role: 'USER' }, now - 10), tampered, await jwt('another-secret-0123456789abcdefghijklmnop', { role: 'ADMIN' }, now + 600), none, 'garbage']
    for (const token of tokens) {
      const a = await op('{ myBookings { edges { cursor } } }', undefined, token)
      expect(code(a), token).toBe('UNAUTHENTICATED')
      expect(code(await op('{ queueStats { queue } }', undefined, token))).toBe('UNAUTHENTICATED')
    }
    expect((await op('{ myBookings { edges { cursor } } }', undefined, tokens[0])).json.errors[0].message).toMatch(/expired/)
    expect(code(await post('{"query":"{ myBookings { edges { cursor } } }"}', { authorization: `Basic ${user.token}` }))).toBe('UNAUTHENTICATED')
    for (const query of ['{ queueStats { queue } }', 'mutation { pauseQueue(queue: PAYMENTS) { paused } }', 'mutation { retryJob(queue: PAYMENTS, jobId: "x") { id } }']) {
      expect(code(await op(query, undefined, user.token))).toBe('FORBIDDEN')
    }
    expect(await app.services.queues.payments.isPaused()).toBe(false)
  })

  it('booking input: replayed key with other seats, empty, duplicate and too many seats, unknown enum, wrong types', async () => {
    expect((await book({ showId: show.globalId, seatIds: [seat(3)], idempotencyKey: 'my-key' })).json.data.bookSeats).toMatchObject({ code: 'VALIDATION', field: 'idempotencyKey' })
    expect((await book({ showId: show.globalId, seatIds: [] })).json.data.bookSeats).toMatchObject({ code: 'VALIDATION', field: 'seatIds' })
    expect((await book({ showId: show.globalId, seatIds: [seat(2), seat(2)] })).json.data.bookSeats).toMatchObject({ code: 'VALIDATION', field: 'seatIds' })
    expect((await book({ showId: show.globalId, seatIds: [2, 3, 4, 5, 6].map(seat) })).json.data.bookSeats.code).toBe('TOO_MANY_SEATS')
    expect((await book({ showId: show.globalId, seatIds: [seat(0)] })).json.data.bookSeats.code).toBe('SEATS_UNAVAILABLE')
    expect((await op('query($s: [BookingStatus!]) { myBookings(status: $s) { edges { cursor } } }', { s: ['BOGUS'] }, user.token)).status).toBe(400)
    expect(code(await op('{ failedJobs(queue: NOPE) { id } }', undefined, user.token))).toBe('GRAPHQL_VALIDATION_FAILED')
    expect((await book({ showId: { $gt: '' }, seatIds: [seat(2)] })).status).toBe(400)
    expect((await op(BOOK, { i: null }, user.token)).status).toBe(400)
    expect(code(await op('mutation { bookSeats(input: { showId: "x", seatIds: [], role: ADMIN }) { __typename } }', undefined, user.token))).toBe('GRAPHQL_VALIDATION_FAILED')
  })

  it('a database failure is masked: no SQL, stack or internal message reaches the client', async () => {
    await app.prisma.$executeRawUnsafe('ALTER TABLE theaters RENAME TO theaters_gone')
    try {
      const a = await op(`query($id: ID!) { show(id: $id) { theater { name } } }`, { id: show.globalId })
      expect(a.json.errors[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })
    } finally {
      await app.prisma.$executeRawUnsafe('ALTER TABLE theaters_gone RENAME TO theaters')
    }
  })

  it('changed nothing, leaked nothing, and still serves', async () => {
    expect(answers.length).toBeGreaterThanOrEqual(50)
    for (const a of answers) expect(a.text).not.toMatch(/\bstack\b|prisma|SELECT |INSERT |theaters_gone|\n\s+at |node_modules/i)
    expect(await snapshot()).toEqual(before)
    expect((await send({ path: '/health' })).status).toBe(200)
    expect((await op('query($id: ID!) { show(id: $id) { totalSeats } }', { id: show.globalId })).json.data.show.totalSeats).toBe(8)
  })
})
