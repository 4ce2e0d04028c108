import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseGlobalId, toGlobalId } from '../src/schema/global-id.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { confirm, hold, waitForStatus } from './support/booking-helpers.ts'
import { CancelBooking } from './support/operations.ts'
import { eventually, sleep } from './support/wait.ts'
import { connect, seatMapEvents, subscribe } from './support/ws-client.ts'

let app: TestApp
let ws: string
beforeAll(async () => {
  app = await createTestApp({ GATEWAY_LATENCY_MS: '200' })
  ws = (await app.listen()).ws
  await app.startWorker()
})
afterAll(() => app?.close())

const BOOKING_UPDATED = /* GraphQL */ `
  subscription BookingUpdates($bookingId: ID!) {
    bookingUpdated(bookingId: $bookingId) { id status bookingCode payment { status } }
  }
`
const BOOKING_UPDATED_FROM_NOW = /* GraphQL */ `
  subscription BookingFromNow($bookingId: ID!) {
    bookingUpdated(bookingId: $bookingId, includeCurrent: true) { id status bookingCode payment { status } }
  }
`
interface Update {
  id: string
  status: string
  bookingCode: string | null
  payment: { status: string }
}
const updates = (client: ReturnType<typeof connect>, bookingId: string) =>
  subscribe<Update>(client, BOOKING_UPDATED, { bookingId }, (d) => d.bookingUpdated as Update)
/** With includeCurrent: the booking as it is first. */
const updatesFromNow = (client: ReturnType<typeof connect>, bookingId: string) =>
  subscribe<Update>(client, BOOKING_UPDATED_FROM_NOW, { bookingId }, (d) => d.bookingUpdated as Update)

/** A new customer's hold of seat `seat` of a new two-seat show. */
async function ownHold(seat: number) {
  const owner = await app.factory.user()
  const show = await app.factory.show({ seats: 2 })
  return { owner, show, booking: await hold(app, owner, show, [seat]) }
}

describe('bookingUpdated', () => {
  it('tells the owner and admins every status change of the booking and its payment', async () => {
    const [owner, admin] = [await app.factory.user(), await app.factory.user({ role: 'ADMIN' })]
    const show = await app.factory.show({ seats: 4 })
    const booking = await hold(app, owner, show, [0])
    const [mine, theirs] = [connect(ws, owner.token), connect(ws, admin.token)]
    const [a, b] = [updates(mine, booking.id), updates(theirs, booking.id)]
    await sleep(200)
    await confirm(app, owner, booking.id)
    const seen = await a.waitFor(2)
    expect(seen.map((u) => [u.status, u.payment.status])).toEqual([
      ['PENDING_PAYMENT', 'PROCESSING'],
      ['CONFIRMED', 'SUCCEEDED'],
    ])
    expect(seen[1]!.bookingCode).toMatch(/^[A-Z0-9]{8}$/)
    await app.gql(CancelBooking, { input: { bookingId: booking.id } }, owner.token)
    expect((await a.waitFor(3))[2]).toMatchObject({ status: 'CANCELLED', payment: { status: 'REFUNDED' } })
    expect((await b.waitFor(3)).map((u) => u.status)).toEqual(['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED'])
    await Promise.all([mine.dispose(), theirs.dispose()])
  })

  it('reports a declined payment, then completes: the booking will not change again', async () => {
    const { owner, booking } = await ownHold(1)
    const client = connect(ws, owner.token)
    const sub = updates(client, booking.id)
    await sleep(150)
    await confirm(app, owner, booking.id, 'tok_decline')
    expect((await sub.waitFor(2)).map((u) => u.status)).toEqual(['PENDING_PAYMENT', 'PAYMENT_FAILED'])
    await eventually(() => sub.done)
    await client.dispose()
  })

  it('follows a booking cancelled under its payment until the payment ends too', async () => {
    const { owner, booking } = await ownHold(0)
    // tok_down never charges: its job retries until it finds the booking cancelled and gives up.
    await confirm(app, owner, booking.id, 'tok_down')
    const cancelled = (await app.gql(CancelBooking, { input: { bookingId: booking.id } }, owner.token)).data!.cancelBooking
    expect(cancelled).toMatchObject({ booking: { status: 'CANCELLED', payment: { status: 'PROCESSING' } } })
    const client = connect(ws, owner.token)
    const sub = updatesFromNow(client, booking.id)
    // Not done at CANCELLED: the payment in flight still has an outcome to tell.
    await eventually(() => sub.events.at(-1)?.payment.status === 'FAILED')
    expect(sub.events.map((u) => u.status)).toEqual(sub.events.map(() => 'CANCELLED'))
    await eventually(() => sub.done)
    await client.dispose()
  })

  it('sends the booking as it is after each change, once: a repeated or stale notice sends nothing more', async () => {
    const { owner, booking } = await ownHold(1)
    const id = parseGlobalId(booking.id, 'Booking')!
    const client = connect(ws, owner.token)
    const sub = updatesFromNow(client, booking.id)
    await sub.waitFor(1)
    const notice = (status: string, paymentStatus: string) => app.services.pubsub.publish('booking', id, { bookingId: id, status, paymentStatus })
    await notice('PENDING_PAYMENT', 'PENDING')
    await notice('PENDING_PAYMENT', 'PROCESSING') // stale or wrong: what is sent is what the database says
    await sleep(300)
    expect(sub.events.map((u) => [u.status, u.payment.status])).toEqual([['PENDING_PAYMENT', 'PENDING']])
    await app.gql(CancelBooking, { input: { bookingId: booking.id } }, owner.token)
    await eventually(() => sub.done)
    expect(sub.events.map((u) => [u.status, u.payment.status])).toEqual([['PENDING_PAYMENT', 'PENDING'], ['CANCELLED', 'FAILED']])
    await client.dispose()
  })

  it("stops telling an admin who was demoted meanwhile about another customer's booking", async () => {
    const [owner, admin] = [await app.factory.user(), await app.factory.user({ role: 'ADMIN' })]
    const booking = await hold(app, owner, await app.factory.show({ seats: 1 }), [0])
    const client = connect(ws, admin.token)
    const sub = updates(client, booking.id)
    await sleep(150)
    await app.prisma.user.update({ where: { id: admin.id }, data: { role: 'USER' } })
    await confirm(app, owner, booking.id)
    expect((await sub.waitForError()).extensions?.code).toBe('BOOKING_NOT_FOUND')
    expect(sub.events).toEqual([])
    await client.dispose()
  })

  it('lets go of its listener and Redis channel when the client leaves a booking that stays quiet', async () => {
    const owner = await app.factory.user()
    const booking = await hold(app, owner, await app.factory.show({ seats: 1 }), [0])
    const channel = `${app.services.config.redisPrefix}:booking:${parseGlobalId(booking.id, 'Booking')}`
    const subscribers = async () => ((await app.services.redis.call('PUBSUB', 'NUMSUB', channel)) as [string, number])[1]
    const client = connect(ws, owner.token)
    const sub = updatesFromNow(client, booking.id)
    await sub.waitFor(1)
    expect(await subscribers()).toBe(1)
    sub.unsubscribe()
    await eventually(async () => (await subscribers()) === 0)
    await client.dispose()
  })

  it('with includeCurrent, starts from the booking as it is: an outcome that came first is not missed', async () => {
    const { owner, booking } = await ownHold(0)
    await confirm(app, owner, booking.id)
    await waitForStatus(app, owner, booking.id, 'CONFIRMED')
    const client = connect(ws, owner.token)
    const current = updatesFromNow(client, booking.id)
    expect((await current.waitFor(1))[0]).toMatchObject({ status: 'CONFIRMED', payment: { status: 'SUCCEEDED' } })
    await app.gql(CancelBooking, { input: { bookingId: booking.id } }, owner.token)
    expect((await current.waitFor(2))[1]).toMatchObject({ status: 'CANCELLED', payment: { status: 'REFUNDED' } })
    await eventually(() => current.done)
    await client.dispose()
  })

  it('answers strangers exactly as for a booking that does not exist, and needs a login', async () => {
    const [owner, stranger] = [await app.factory.user(), await app.factory.user()]
    const show = await app.factory.show({ seats: 2 })
    const booking = await hold(app, owner, show, [0])
    const client = connect(ws, stranger.token)
    const other = await updates(client, booking.id).waitForError()
    const missing = await updates(client, toGlobalId('Booking', crypto.randomUUID())).waitForError()
    expect(other.extensions?.code).toBe('BOOKING_NOT_FOUND')
    expect({ ...other, locations: undefined }).toEqual({ ...missing, locations: undefined })
    expect((await updates(client, 'not-an-id').waitForError()).extensions?.code).toBe('VALIDATION')
    const anonymous = connect(ws)
    expect((await updates(anonymous, booking.id).waitForError()).extensions?.code).toBe('UNAUTHENTICATED')
    // The HTTP header's spelling of the key is understood as well as the contract's.
    const capitalised = connect(ws, undefined, { connectionParams: { Authorization: `Bearer ${owner.token}` } })
    const current = updatesFromNow(capitalised, booking.id)
    expect((await current.waitFor(1))[0]).toMatchObject({ status: 'PENDING_PAYMENT' })
    await Promise.all([client.dispose(), anonymous.dispose(), capitalised.dispose()])
  })
})

describe('graphql-ws transport', () => {
  it('treats a bad connection_init token as HTTP does: UNAUTHENTICATED where a login is needed, public fields served', async () => {
    const owner = await app.factory.user()
    const forged = owner.token.slice(0, -4) + (owner.token.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    for (const authorization of ['Bearer not-a-jwt', `Bearer ${forged}`, 'Basic abc', 42, { token: owner.token }]) {
      const show = await app.factory.show({ seats: 2 })
      const booking = await hold(app, owner, show, [0])
      const client = connect(ws, undefined, { authorization })
      const live = seatMapEvents(client, show.globalId)
      expect((await updates(client, booking.id).waitForError()).extensions?.code).toBe('UNAUTHENTICATED')
      await hold(app, owner, show, [1])
      expect((await live.waitFor(1))[0]!.reason).toBe('LOCKED')
      expect(client.closes).toEqual([])
      await client.dispose()
    }
  })

  it('fails a query that does not parse on its own, leaving the socket and its other subscriptions alone', async () => {
    const show = await app.factory.show({ seats: 2 })
    const client = connect(ws)
    const live = seatMapEvents(client, show.globalId)
    await sleep(150)
    const broken = [
      'subscription { seatMap(showId:"x" { version } }',
      'subscription { seatMap(showId: "\u0000") { version } }',
      `subscription { seatMap(showId: "x") { ${'version '.repeat(3000)} } }`,
    ]
    for (const query of broken) {
      const error = await subscribe(client, query, {}, (d) => d).waitForError()
      expect(error.message).toBeTruthy()
      expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR')
    }
    // Coded as over HTTP, whatever the HTTP path did to the parser's cached error meanwhile.
    await app.gql('subscription {')
    expect((await subscribe(client, 'subscription {', {}, (d) => d).waitForError()).extensions?.code).toBe('GRAPHQL_PARSE_FAILED')
    expect((await subscribe(client, 'subscription { nope }', {}, (d) => d).waitForError()).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED')
    const twoOperations = 'subscription A { seatMap(showId: "x") { version } } subscription B { seatMap(showId: "x") { version } }'
    expect((await subscribe(client, twoOperations, {}, (d) => d).waitForError()).extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE')
    await hold(app, await app.factory.user(), show, [0])
    expect((await live.waitFor(1))[0]!.reason).toBe('LOCKED')
    expect(client.closes).toEqual([])
    await client.dispose()
  })

  it('serves the public seat map without a login', async () => {
    const show = await app.factory.show({ seats: 2 })
    const client = connect(ws)
    const sub = seatMapEvents(client, show.globalId)
    await sleep(150)
    await hold(app, await app.factory.user(), show, [0])
    expect((await sub.waitFor(1))[0]!.reason).toBe('LOCKED')
    await client.dispose()
  })
})
