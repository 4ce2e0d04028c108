import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seatLockKey } from '../src/domain/booking/seat-locks.ts'
import { toGlobalId } from '../src/schema/global-id.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { confirm, dbState, expectConsistent, hold, waitForStatus } from './support/booking-helpers.ts'
import { BookingById, BookSeats, CancelBooking, ConfirmBooking, SeatMapOf } from './support/operations.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ MAX_SEATS_PER_BOOKING: '4' })
  await app.startWorker()
})
afterAll(() => app?.close())

describe('bookSeats', () => {
  it('holds all seats, records the pending booking and payment, and bumps the version once', async () => {
    const [buyer, other] = [await app.factory.user(), await app.factory.user()]
    const show = await app.factory.show({ seats: 10, price: 1250, currency: 'GBP' })
    const booking = await hold(app, buyer, show, [0, 1, 2])
    expect(booking.status).toBe('PENDING_PAYMENT')
    expect(booking.totalAmount).toEqual({ amount: 3750, currency: 'GBP' })
    expect(booking.payment).toMatchObject({ status: 'PENDING', amount: { amount: 3750, currency: 'GBP' } })
    expect(booking.payment.orderId).toMatch(/^ord_/)
    expect(booking.seats.map((s) => [s.seatNumber, s.status, s.heldByViewer])).toEqual([
      ['A1', 'LOCKED', true], ['A2', 'LOCKED', true], ['A3', 'LOCKED', true],
    ])
    const expiresIn = Date.parse(booking.expiresAt) - Date.now()
    expect(expiresIn).toBeGreaterThan(4 * 60_000)
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000 + 1000)
    expect(booking.show.availableSeats).toBe(7)

    const state = await dbState(app, show.id)
    expect(state.version).toBe(1)
    expect(state.log[0]).toMatchObject({ version: 1, reason: 'LOCKED' })
    const asOther = await app.gql(SeatMapOf, { id: show.globalId }, other.token)
    expect(asOther.data!.show!.seatMap.seats.slice(0, 3).map((s) => [s.status, s.heldByViewer])).toEqual([
      ['LOCKED', false], ['LOCKED', false], ['LOCKED', false],
    ])
    await expectConsistent(app, show.id)
  })

  it('holds in one database statement and answers its own columns without reading the booking back', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 4, price: 900, currency: 'EUR' })
    const query = `mutation Hold($input: BookSeatsInput!) {
      bookSeats(input: $input) { __typename ... on BookSeatsSuccess { booking { id status expiresAt createdAt totalAmount { amount currency } } } }
    }`
    app.queries.length = 0
    const res = await app.gql<{ bookSeats: { __typename: string; booking: { id: string; status: string; totalAmount: unknown } } }, unknown>(
      query,
      { input: { showId: show.globalId, seatIds: [show.seats[0]!.globalId, show.seats[1]!.globalId] } },
      user.token,
    )
    expect(res.data!.bookSeats).toMatchObject({ __typename: 'BookSeatsSuccess', booking: { status: 'PENDING_PAYMENT', totalAmount: { amount: 1800, currency: 'EUR' } } })
    expect(app.queries).toHaveLength(1)
    const read = await app.gql(BookingById, { id: res.data!.bookSeats.booking.id }, user.token)
    expect(read.data!.booking).toMatchObject({ status: 'PENDING_PAYMENT', seats: [{ seatNumber: 'A1' }, { seatNumber: 'A2' }] })
    await expectConsistent(app, show.id)
  })

  it('answers each bad input with a typed error, in the contract order, and changes nothing', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 10 })
    const otherShow = await app.factory.show({ seats: 2 })
    const started = await app.factory.show({ seats: 2, startsInMs: -60_000 })
    const seat = (i: number) => show.seats[i]!.globalId
    const unknownShow = toGlobalId('Show', crypto.randomUUID())
    const cases: [string, { showId: string; seatIds: string[]; idempotencyKey?: string }, string, string?][] = [
      ['empty list', { showId: show.globalId, seatIds: [] }, 'VALIDATION', 'seatIds'],
      ['too many', { showId: show.globalId, seatIds: [0, 1, 2, 3, 4].map(seat) }, 'TOO_MANY_SEATS'],
      ['duplicates', { showId: show.globalId, seatIds: [seat(0), seat(0)] }, 'VALIDATION', 'seatIds'],
      ['malformed show id', { showId: 'nope', seatIds: [seat(0)] }, 'VALIDATION', 'showId'],
      ['seat id as show id', { showId: seat(0), seatIds: [seat(0)] }, 'VALIDATION', 'showId'],
      ['malformed seat id', { showId: show.globalId, seatIds: ['garbage'] }, 'VALIDATION', 'seatIds'],
      ['unknown show before unknown seat', { showId: unknownShow, seatIds: [seat(0)] }, 'SHOW_NOT_FOUND'],
      ['seat of another show', { showId: show.globalId, seatIds: [seat(0), otherShow.seats[0]!.globalId] }, 'SEAT_NOT_FOUND'],
      ['unknown seat', { showId: show.globalId, seatIds: [toGlobalId('Seat', crypto.randomUUID())] }, 'SEAT_NOT_FOUND'],
      ['well-formed show id of nothing', { showId: toGlobalId('Show', '999'), seatIds: [seat(0)] }, 'SHOW_NOT_FOUND'],
      ['well-formed seat id of nothing', { showId: show.globalId, seatIds: [toGlobalId('Seat', 'A1')] }, 'SEAT_NOT_FOUND'],
      ['show started', { showId: started.globalId, seatIds: [started.seats[0]!.globalId] }, 'SHOW_STARTED'],
      ['overlong idempotency key', { showId: show.globalId, seatIds: [seat(0)], idempotencyKey: 'k'.repeat(201) }, 'VALIDATION', 'idempotencyKey'],
    ]
    for (const [name, input, code, field] of cases) {
      const res = await app.gql(BookSeats, { input }, user.token)
      expect(res.errors, name).toBeUndefined()
      const r = res.data!.bookSeats
      expect(r.__typename === 'BookSeatsSuccess' ? 'SUCCESS' : r.code, name).toBe(code)
      if (field) expect(r.__typename === 'ValidationError' && r.field, name).toBe(field)
    }
    for (const s of [show, otherShow, started]) {
      const state = await dbState(app, s.id)
      expect(state.version).toBe(0)
      expect(state.seats.every((x) => x.status === 'AVAILABLE')).toBe(true)
    }
    expect(await app.prisma.booking.count({ where: { userId: user.id } })).toBe(0)
  })

  it('needs a valid login', async () => {
    const show = await app.factory.show({ seats: 2 })
    const input = { showId: show.globalId, seatIds: [show.seats[0]!.globalId] }
    for (const token of [undefined, 'not-a-jwt']) {
      const res = await app.gql(BookSeats, { input }, token)
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    }
    expect((await dbState(app, show.id)).version).toBe(0)
  })

  it('reports exactly the seats somebody else holds', async () => {
    const [a, b] = [await app.factory.user(), await app.factory.user()]
    const show = await app.factory.show({ seats: 6 })
    await hold(app, a, show, [1, 2])
    const res = await app.gql(BookSeats, { input: { showId: show.globalId, seatIds: [0, 1, 2, 3].map((i) => show.seats[i]!.globalId) } }, b.token)
    const r = res.data!.bookSeats
    expect(r.__typename).toBe('SeatsUnavailableError')
    expect(r.__typename === 'SeatsUnavailableError' && [...r.seatIds].sort()).toEqual([show.seats[1]!.globalId, show.seats[2]!.globalId].sort())
    const state = await dbState(app, show.id)
    expect(state.version).toBe(1)
    expect(state.seats.map((s) => s.status)).toEqual(['AVAILABLE', 'LOCKED', 'LOCKED', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE'])
  })

  it('also names seats that are sold or held in PostgreSQL but no longer locked in Redis', async () => {
    const [a, b, c] = [await app.factory.user(), await app.factory.user(), await app.factory.user()]
    const show = await app.factory.show({ seats: 4 })
    const sold = await hold(app, a, show, [0])
    await confirm(app, a, sold.id)
    await waitForStatus(app, a, sold.id, 'CONFIRMED')
    await hold(app, b, show, [1])
    // A sale's lock lasts until the payment deadline, and Redis may lose keys: the sold seat is
    // then only PostgreSQL's, while seat 1's lock makes Redis refuse the request first.
    await app.services.redis.del(seatLockKey(show.id, show.seats[0]!.id))
    const ids = [0, 1, 2].map((i) => show.seats[i]!.globalId)
    const r = (await app.gql(BookSeats, { input: { showId: show.globalId, seatIds: ids } }, c.token)).data!.bookSeats
    expect(r.__typename === 'SeatsUnavailableError' && r.seatIds).toEqual([ids[0], ids[1]])
    expect((await dbState(app, show.id)).version).toBe(3)
  })

  it('is idempotent per key: a retry returns the first booking, a different request with the key is refused', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 6 })
    const input = { showId: show.globalId, seatIds: [show.seats[0]!.globalId, show.seats[1]!.globalId], idempotencyKey: 'retry-me' }
    const results = await Promise.all(Array.from({ length: 8 }, () => app.gql(BookSeats, { input }, user.token)))
    const ids = new Set(results.map((r) => (r.data!.bookSeats.__typename === 'BookSeatsSuccess' ? r.data!.bookSeats.booking.id : 'x')))
    expect([...ids]).toHaveLength(1)
    expect(ids.has('x')).toBe(false)
    expect((await dbState(app, show.id)).version).toBe(1)
    const changed = await app.gql(BookSeats, { input: { ...input, seatIds: [show.seats[2]!.globalId] } }, user.token)
    expect(changed.data!.bookSeats).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field: 'idempotencyKey' })
    // Keys are per user: another user's identical key is an unrelated request.
    const other = await app.factory.user()
    const theirs = await app.gql(BookSeats, { input: { ...input, seatIds: [show.seats[3]!.globalId] } }, other.token)
    expect(theirs.data!.bookSeats.__typename).toBe('BookSeatsSuccess')
  })

  it('leaves no seat locked by the requests a reused key refuses, even when they race the first', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 12 })
    const pairs = Array.from({ length: 6 }, (_, i) => [show.seats[2 * i]!.globalId, show.seats[2 * i + 1]!.globalId])
    const results = await Promise.all(
      pairs.map((seatIds) => app.gql(BookSeats, { input: { showId: show.globalId, seatIds, idempotencyKey: 'one-key-many-seats' } }, user.token)),
    )
    const won = results.flatMap((r, i) => (r.data!.bookSeats.__typename === 'BookSeatsSuccess' ? [i] : []))
    expect(won).toHaveLength(1)
    for (const r of results) expect(['BookSeatsSuccess', 'ValidationError']).toContain(r.data!.bookSeats.__typename)
    // Every seat the winner does not hold is free for somebody else at once, not after the lock's TTL.
    const other = await app.factory.user()
    const rest = pairs.filter((_, i) => i !== won[0]).flat()
    const theirs = await app.gql(BookSeats, { input: { showId: show.globalId, seatIds: rest.slice(0, 4) } }, other.token)
    expect(theirs.data!.bookSeats.__typename).toBe('BookSeatsSuccess')
    const more = await app.gql(BookSeats, { input: { showId: show.globalId, seatIds: rest.slice(4, 8) } }, other.token)
    expect(more.data!.bookSeats.__typename).toBe('BookSeatsSuccess')
    await expectConsistent(app, show.id)
  })
})

describe('confirm, pay, cancel', () => {
  it('charges once and books the seats; a duplicate confirm queues nothing new', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 4 })
    const booking = await hold(app, user, show, [0, 1])
    const [first, second] = await Promise.all([confirm(app, user, booking.id), confirm(app, user, booking.id)])
    expect(first.__typename).toBe('ConfirmBookingSuccess')
    expect(second.__typename).toBe('ConfirmBookingSuccess')
    const done = await waitForStatus(app, user, booking.id, 'CONFIRMED')
    expect(done.bookingCode).toMatch(/^[2-9A-HJ-NP-TV-Z]{8}$/)
    expect(done.payment.status).toBe('SUCCEEDED')
    expect(done.seats.map((s) => s.status)).toEqual(['BOOKED', 'BOOKED'])
    const paymentId = (await app.prisma.payment.findFirstOrThrow({ where: { orderId: booking.payment.orderId } })).id
    expect(await app.services.gateway.chargesFor(paymentId)).toBe(1)
    expect((await app.services.queues.payments.getJobCounts('completed', 'failed', 'waiting', 'active')).completed).toBeGreaterThanOrEqual(1)
    const state = await dbState(app, show.id)
    expect(state.log.map((l) => l.reason)).toEqual(['LOCKED', 'BOOKED'])
    expect(state.available).toBe(2)
    const again = await confirm(app, user, booking.id)
    expect(again.__typename === 'BookingError' && again.code).toBe('INVALID_STATE')
    await expectConsistent(app, show.id)
  })

  it('answers a retry of the confirm with its idempotencyKey as a success after the outcome, other retries INVALID_STATE', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 2 })
    const booking = await hold(app, user, show, [0])
    const again = async (idempotencyKey?: string) =>
      (await app.gql(ConfirmBooking, { input: { bookingId: booking.id, paymentToken: 'tok_visa', idempotencyKey } }, user.token)).data!.confirmBooking
    expect(await again('pay-1')).toMatchObject({ __typename: 'ConfirmBookingSuccess' })
    await waitForStatus(app, user, booking.id, 'CONFIRMED')
    expect(await again('pay-1')).toMatchObject({ __typename: 'ConfirmBookingSuccess', booking: { status: 'CONFIRMED', payment: { status: 'SUCCEEDED' } } })
    expect(await again('pay-2')).toMatchObject({ code: 'INVALID_STATE' })
    expect(await again()).toMatchObject({ code: 'INVALID_STATE' })
    const payment = await app.prisma.payment.findFirstOrThrow({ where: { orderId: booking.payment.orderId } })
    expect(await app.services.gateway.chargesFor(payment.id)).toBe(1)
  })

  it('refuses to take payment for a hold once the show has started', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 2 })
    const booking = await hold(app, user, show, [0])
    await app.prisma.show.update({ where: { id: show.id }, data: { startTime: new Date(Date.now() - 1000) } })
    expect(await confirm(app, user, booking.id)).toMatchObject({ __typename: 'BookingError', code: 'SHOW_STARTED' })
    const payment = await app.prisma.payment.findFirstOrThrow({ where: { orderId: booking.payment.orderId }, select: { status: true } })
    expect(payment).toEqual({ status: 'PENDING' })
    expect((await dbState(app, show.id)).version).toBe(1)
  })

  it('releases the seats when the card is declined', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 4 })
    const booking = await hold(app, user, show, [2, 3])
    await confirm(app, user, booking.id, 'tok_decline')
    const failed = await waitForStatus(app, user, booking.id, 'PAYMENT_FAILED')
    expect(failed.payment.status).toBe('FAILED')
    expect(failed.seats.map((s) => s.status)).toEqual(['AVAILABLE', 'AVAILABLE'])
    expect((await dbState(app, show.id)).log.map((l) => l.reason)).toEqual(['LOCKED', 'RELEASED'])
    // The seats are really free again: somebody else can hold them.
    await hold(app, await app.factory.user(), show, [2, 3])
    await expectConsistent(app, show.id)
  })

  it('retries a transient gateway failure and still charges once', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 2 })
    const booking = await hold(app, user, show, [0])
    await confirm(app, user, booking.id, 'tok_flaky')
    await waitForStatus(app, user, booking.id, 'CONFIRMED')
    const payment = await app.prisma.payment.findFirstOrThrow({ where: { orderId: booking.payment.orderId } })
    expect(await app.services.gateway.chargesFor(payment.id)).toBe(1)
  })

  it('hides other users’ bookings: BOOKING_NOT_FOUND for mutations, null for reads', async () => {
    const [owner, stranger, adminUser] = [await app.factory.user(), await app.factory.user(), await app.factory.user({ role: 'ADMIN' })]
    const show = await app.factory.show({ seats: 2 })
    const booking = await hold(app, owner, show, [0])
    const c = await app.gql(ConfirmBooking, { input: { bookingId: booking.id, paymentToken: 'tok_visa' } }, stranger.token)
    expect(c.data!.confirmBooking).toMatchObject({ code: 'BOOKING_NOT_FOUND' })
    const x = await app.gql(CancelBooking, { input: { bookingId: booking.id } }, stranger.token)
    expect(x.data!.cancelBooking).toMatchObject({ code: 'BOOKING_NOT_FOUND' })
    expect((await app.gql(BookingById, { id: booking.id }, stranger.token)).data!.booking).toBeNull()
    expect((await app.gql(BookingById, { id: booking.id })).data!.booking).toBeNull()
    expect((await app.gql(BookingById, { id: booking.id }, adminUser.token)).data!.booking!.id).toBe(booking.id)
    const unknown = await app.gql(CancelBooking, { input: { bookingId: toGlobalId('Booking', crypto.randomUUID()) } }, owner.token)
    expect(unknown.data!.cancelBooking).toMatchObject({ code: 'BOOKING_NOT_FOUND' })
    expect((await dbState(app, show.id)).version).toBe(1)
  })

  it('cancels in every state as the contract says', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 6 })
    const cancel = async (id: string) => (await app.gql(CancelBooking, { input: { bookingId: id } }, user.token)).data!.cancelBooking

    const pending = await hold(app, user, show, [0])
    expect(await cancel(pending.id)).toMatchObject({ __typename: 'CancelBookingSuccess', booking: { status: 'CANCELLED', seats: [{ status: 'AVAILABLE' }] } })
    expect(await cancel(pending.id)).toMatchObject({ code: 'INVALID_STATE' })

    const paid = await hold(app, user, show, [1])
    await confirm(app, user, paid.id)
    await waitForStatus(app, user, paid.id, 'CONFIRMED')
    expect(await cancel(paid.id)).toMatchObject({ booking: { status: 'CANCELLED', payment: { status: 'REFUNDED' }, seats: [{ status: 'AVAILABLE' }] } })

    const declined = await hold(app, user, show, [2])
    await confirm(app, user, declined.id, 'tok_decline')
    await waitForStatus(app, user, declined.id, 'PAYMENT_FAILED')
    expect(await cancel(declined.id)).toMatchObject({ code: 'INVALID_STATE' })

    const late = await hold(app, user, show, [3])
    await confirm(app, user, late.id)
    await waitForStatus(app, user, late.id, 'CONFIRMED')
    await app.prisma.show.update({ where: { id: show.id }, data: { startTime: new Date(Date.now() - 1000) } })
    expect(await cancel(late.id)).toMatchObject({ code: 'SHOW_STARTED' })

    expect((await dbState(app, show.id)).log.map((l) => l.reason)).toEqual([
      'LOCKED', 'CANCELLED', 'LOCKED', 'BOOKED', 'CANCELLED', 'LOCKED', 'RELEASED', 'LOCKED', 'BOOKED',
    ])
    await expectConsistent(app, show.id)
  })
})
