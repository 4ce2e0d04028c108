import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toGlobalId } from '../src/schema/global-id.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { eventually } from './support/wait.ts'

let app: TestApp
let base: string
beforeAll(async () => {
  app = await createTestApp({ MAX_SEATS_PER_BOOKING: '4' })
  base = (await app.listen()).url.replace(/\/graphql$/, '')
  await app.startWorker()
})
afterAll(() => app?.close())

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

async function rest(method: string, path: string, opts: { body?: unknown; token?: string; raw?: string; type?: string } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(opts.body !== undefined || opts.raw !== undefined ? { 'content-type': opts.type ?? 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  })
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers }
}

describe('REST bookings', () => {
  it('books (201), confirms (200), reports status and lists my bookings, with the booking JSON', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 6, price: 900, currency: 'EUR' })
    const input = { showId: show.globalId, seatIds: [show.seats[0]!.globalId, show.seats[1]!.globalId], idempotencyKey: 'rest-1' }
    const booked = await rest('POST', '/api/v1/bookings/book', { body: input, token: user.token })
    expect(booked.status).toBe(201)
    expect(booked.body).toMatchObject({
      status: 'PENDING_PAYMENT',
      totalAmount: { amount: 1800, currency: 'EUR' },
      show: { id: show.globalId },
      payment: { status: 'PENDING', orderId: expect.stringMatching(/^ord_/) },
    })
    expect(booked.body.seats.map((s: Json) => [s.seatNumber, s.status])).toEqual([['A1', 'LOCKED'], ['A2', 'LOCKED']])
    expect(booked.headers.get('x-request-id')).toBeTruthy()
    const replay = await rest('POST', '/api/v1/bookings/book', { body: input, token: user.token })
    expect(replay.body.id).toBe(booked.body.id)

    const confirmed = await rest('POST', '/api/v1/bookings/confirm', { body: { bookingId: booked.body.id, paymentToken: 'tok_visa' }, token: user.token })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.payment.status).toBe('PROCESSING')
    const done = await eventually(async () => {
      const r = await rest('GET', `/api/v1/bookings/status/${encodeURIComponent(booked.body.id)}`, { token: user.token })
      return r.body.status === 'CONFIRMED' ? r : null
    })
    expect(done.status).toBe(200)
    expect(done.body.bookingCode).toBeTruthy()

    const mine = await rest('GET', '/api/v1/bookings/my-bookings?status=CONFIRMED&first=5', { token: user.token })
    expect(mine.status).toBe(200)
    expect(mine.body.bookings.map((b: Json) => b.id)).toEqual([booked.body.id])
    expect(mine.body.pageInfo).toMatchObject({ hasNextPage: false })
  })

  it('answers typed errors with their HTTP status and the error JSON', async () => {
    const [user, rival] = [await app.factory.user(), await app.factory.user()]
    const show = await app.factory.show({ seats: 6 })
    const started = await app.factory.show({ seats: 2, startsInMs: -60_000 })
    const seat = (i: number) => show.seats[i]!.globalId
    const book = (body: unknown, token = user.token) => rest('POST', '/api/v1/bookings/book', { body, token })

    expect((await rest('POST', '/api/v1/bookings/book', { body: { showId: show.globalId, seatIds: [seat(0)] } })).status).toBe(401)
    const bad = await book({ showId: 'nope', seatIds: [seat(0)] })
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION', field: 'showId' } } })
    expect((await book({ showId: show.globalId, seatIds: [0, 1, 2, 3, 4].map(seat) })).body.error.code).toBe('TOO_MANY_SEATS')
    expect((await book({ showId: show.globalId, seatIds: [0, 1, 2, 3, 4].map(seat) })).status).toBe(400)
    expect((await book({ showId: toGlobalId('Show', crypto.randomUUID()), seatIds: [seat(0)] })).status).toBe(404)
    expect((await book({ showId: show.globalId, seatIds: [toGlobalId('Seat', crypto.randomUUID())] })).body.error.code).toBe('SEAT_NOT_FOUND')
    expect((await book({ showId: started.globalId, seatIds: [started.seats[0]!.globalId] })).status).toBe(409)
    expect((await book({ showId: show.globalId })).status).toBe(400)

    const mine = await book({ showId: show.globalId, seatIds: [seat(2)] })
    const taken = await book({ showId: show.globalId, seatIds: [seat(2), seat(3)] }, rival.token)
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'SEATS_UNAVAILABLE', seatIds: [seat(2)] } } })

    const id = encodeURIComponent(mine.body.id)
    expect((await rest('GET', `/api/v1/bookings/status/${id}`, { token: rival.token })).body.error.code).toBe('BOOKING_NOT_FOUND')
    expect((await rest('GET', `/api/v1/bookings/status/${id}`)).status).toBe(401)
    expect((await rest('GET', '/api/v1/bookings/status/garbage', { token: user.token })).status).toBe(404)
    expect((await rest('PATCH', `/api/v1/bookings/cancel/${id}`, { token: rival.token })).status).toBe(404)
    const cancelled = await rest('PATCH', `/api/v1/bookings/cancel/${id}`, { token: user.token })
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'CANCELLED' } })
    expect((await rest('PATCH', `/api/v1/bookings/cancel/${id}`, { token: user.token })).body.error.code).toBe('INVALID_STATE')
    const confirmCancelled = await rest('POST', '/api/v1/bookings/confirm', { body: { bookingId: mine.body.id, paymentToken: 'tok_visa' }, token: user.token })
    expect(confirmCancelled).toMatchObject({ status: 409, body: { error: { code: 'INVALID_STATE' } } })
    expect((await rest('GET', '/api/v1/bookings/my-bookings')).status).toBe(401)
    expect((await rest('GET', '/api/v1/bookings/my-bookings?first=0', { token: user.token })).status).toBe(400)
  })

  it('refuses malformed requests at the HTTP layer', async () => {
    const user = await app.factory.user()
    expect(await rest('POST', '/api/v1/bookings/book', { raw: '{"showId":', token: user.token })).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION' } } })
    expect((await rest('POST', '/api/v1/bookings/book', { raw: '[1,2]', token: user.token })).status).toBe(400)
    expect((await rest('POST', '/api/v1/bookings/book', { raw: 'showId=1', type: 'application/x-www-form-urlencoded', token: user.token })).status).toBe(415)
    expect((await rest('GET', '/api/v1/bookings/nothing-here')).status).toBe(404)
    const wrongMethod = await rest('GET', '/api/v1/bookings/book')
    expect(wrongMethod).toMatchObject({ status: 405, body: { error: { code: 'METHOD_NOT_ALLOWED' } } })
    expect(wrongMethod.headers.get('allow')).toBe('POST')
    expect((await rest('GET', '/api/v1/bookings/status/%E0%A4%A', { token: user.token })).status).toBe(400)
  })
})

describe('REST queue admin', () => {
  it('serves stats, failed jobs, retry, pause and resume to admins only', async () => {
    const [admin, user] = [await app.factory.user({ role: 'ADMIN' }), await app.factory.user()]
    expect((await rest('GET', '/admin/queue/stats')).status).toBe(401)
    expect((await rest('GET', '/admin/queue/stats', { token: user.token })).body.error.code).toBe('FORBIDDEN')
    expect((await rest('POST', '/admin/queue/pause', { body: { queue: 'PAYMENTS' }, token: user.token })).status).toBe(403)
    const stats = await rest('GET', '/admin/queue/stats', { token: admin.token })
    expect(stats.status).toBe(200)
    expect(stats.body.queues.map((q: Json) => q.queue)).toEqual(['PAYMENTS', 'EXPIRATIONS'])
    expect(await rest('GET', '/admin/queue/failed?queue=PAYMENTS&first=5', { token: admin.token })).toMatchObject({ status: 200, body: { jobs: [] } })
    expect((await rest('GET', '/admin/queue/failed?queue=NOPE', { token: admin.token })).status).toBe(400)
    expect((await rest('GET', '/admin/queue/failed', { token: admin.token })).status).toBe(400)
    expect((await rest('GET', '/admin/queue/failed?queue=PAYMENTS&first=x', { token: admin.token })).status).toBe(400)
    const unknown = await rest('POST', '/admin/queue/retry/pay-nothing', { body: { queue: 'PAYMENTS' }, token: admin.token })
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    try {
      expect(await rest('POST', '/admin/queue/pause', { body: { queue: 'EXPIRATIONS' }, token: admin.token })).toMatchObject({ status: 200, body: { queue: 'EXPIRATIONS', paused: true } })
      expect(await app.services.queues.expirations.isPaused()).toBe(true)
    } finally {
      expect(await rest('POST', '/admin/queue/resume', { body: { queue: 'EXPIRATIONS' }, token: admin.token })).toMatchObject({ status: 200, body: { paused: false } })
    }
  })
})
