import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { holdSeats } from '../src/domain/booking/hold.ts'
import { toGlobalId } from '../src/schema/global-id.ts'
import type { Services } from '../src/services.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { confirm, hold } from './support/booking-helpers.ts'
import { httpGql } from './support/http.ts'
import { BookSeats, CancelBooking, SeatMapOf } from './support/operations.ts'
import { eventually, sleep } from './support/wait.ts'
import { connect, seatMapEvents } from './support/ws-client.ts'

let app: TestApp
let one: { url: string; ws: string; services: Services }
let two: { url: string; ws: string; services: Services }
beforeAll(async () => {
  // The storm is one process hammering with few accounts: per-user rate limits would only slow it.
  app = await createTestApp({ RATE_LIMIT_BOOK_SEATS: '0', RATE_LIMIT_USER_MUTATIONS: '0' })
  one = await app.listen()
  two = await app.listen()
  await app.startWorker()
})
afterAll(() => app?.close())

const versions = (events: { version: number }[]) => events.map((e) => e.version)

describe('seatMap subscription across instances', () => {
  it('delivers changes made through another instance and by the worker, in order, gapless', async () => {
    // Its own stack with a 3 s hold, so an expiry shows up here and nowhere else in this file
    // (long enough that a loaded machine still confirms the first booking before it lapses).
    const app = await createTestApp({ SEAT_LOCK_EXPIRY: String(3000 / 60_000) })
    const [one, two] = [await app.listen(), await app.listen()]
    await app.startWorker()
    const [alice, bob] = [await app.factory.user(), await app.factory.user()]
    const show = await app.factory.show({ seats: 6 })
    const client = connect(one.ws)
    const sub = seatMapEvents(client, show.globalId)
    await sleep(200) // subscribed
    const held = await httpGql(two.url, BookSeats, { input: { showId: show.globalId, seatIds: [show.seats[0]!.globalId, show.seats[1]!.globalId] } }, alice.token)
    const bookingId = held.data!.bookSeats.__typename === 'BookSeatsSuccess' ? held.data!.bookSeats.booking.id : ''
    await confirm(app, alice, bookingId)
    await hold(app, bob, show, [4]) // expires unpaid
    const events = await sub.waitFor(4, 10_000)
    expect(versions(events)).toEqual([1, 2, 3, 4])
    expect(new Set(events.map((e) => e.reason))).toEqual(new Set(['LOCKED', 'BOOKED', 'EXPIRED']))
    const booked = events.find((e) => e.reason === 'BOOKED')!
    expect(booked.seats).toEqual([
      { seatId: show.seats[0]!.globalId, seatNumber: 'A1', status: 'BOOKED' },
      { seatId: show.seats[1]!.globalId, seatNumber: 'A2', status: 'BOOKED' },
    ])
    expect(events.find((e) => e.reason === 'EXPIRED')!.seats).toEqual([{ seatId: show.seats[4]!.globalId, seatNumber: 'A5', status: 'AVAILABLE' }])
    expect(events.every((e) => e.showId === show.globalId && !Number.isNaN(Date.parse(e.at)))).toBe(true)
    sub.unsubscribe()
    await client.dispose()
    await app.close()
  })

  it('replays exactly the missed changes after a reconnect with sinceVersion', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 6 })
    const client = connect(one.ws)
    const first = seatMapEvents(client, show.globalId)
    await sleep(150)
    const b1 = await hold(app, user, show, [0])
    await first.waitFor(1)
    first.unsubscribe()
    await app.gql(CancelBooking, { input: { bookingId: b1.id } }, user.token) // v2, missed
    await hold(app, user, show, [1]) // v3, missed
    const again = seatMapEvents(client, show.globalId, 1)
    const replayed = await again.waitFor(2)
    expect(versions(replayed)).toEqual([2, 3])
    await hold(app, user, show, [2]) // v4, live
    expect(versions(await again.waitFor(3))).toEqual([2, 3, 4])
    await sleep(200)
    expect(versions(again.events)).toEqual([2, 3, 4])
    // Up to date: nothing to replay, then live events only.
    const current = seatMapEvents(client, show.globalId, 4)
    await hold(app, user, show, [3])
    expect(versions(await current.waitFor(1))).toEqual([5])
    await client.dispose()
  })

  it('refuses what it cannot replay, future versions, unknown shows and malformed ids', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 4 })
    await hold(app, user, show, [0])
    await hold(app, user, show, [1])
    await app.prisma.seatMapChange.deleteMany({ where: { showId: show.id, version: 1 } }) // pruned history
    const client = connect(one.ws)
    const cases: [string, number | undefined, string][] = [
      [show.globalId, 0, 'REPLAY_UNAVAILABLE'],
      [show.globalId, 9, 'VALIDATION'],
      [show.globalId, -1, 'VALIDATION'],
      [toGlobalId('Show', crypto.randomUUID()), undefined, 'SHOW_NOT_FOUND'],
      ['nope', undefined, 'VALIDATION'],
    ]
    for (const [showId, since, code] of cases) {
      const sub = seatMapEvents(client, showId, since)
      const err = await sub.waitForError()
      expect(err.extensions?.code, `${showId} since ${since}`).toBe(code)
      expect(sub.failedBy, 'every refusal is an error message').toBe('error')
    }
    const fine = seatMapEvents(client, show.globalId, 1)
    expect(versions(await fine.waitFor(1))[0]).toBe(2) // later ones: these holds expiring
    await client.dispose()
  })

  it('heals swapped and dropped publishes from the change log', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 8 })
    const client = connect(one.ws)
    const sub = seatMapEvents(client, show.globalId)
    await sleep(150)
    // A publisher that delivers v1 after v2, drops v3, and drops the tail v5 with nothing behind it.
    const held: (() => Promise<void>)[] = []
    const realPublish = two.services.pubsub.publish.bind(two.services.pubsub)
    two.services.pubsub.publish = async (topic, key, payload) => {
      const version = (payload as { version?: number }).version
      if (topic !== 'seatmap' || key !== show.id) return realPublish(topic, key, payload)
      if (version === 1) held.push(() => realPublish(topic, key, payload))
      else if (version === 3 || version === 5) return
      else await realPublish(topic, key, payload)
    }
    try {
      for (const i of [0, 1, 2, 3, 4]) await holdSeats(two.services, { userId: user.id, showId: show.id, seatIds: [show.seats[i]!.id] })
      await sleep(30)
      await held[0]!()
      const events = await sub.waitFor(5, 8000)
      expect(versions(events).slice(0, 5)).toEqual([1, 2, 3, 4, 5])
      await sleep(300)
      // Nothing doubled; later versions are these holds expiring (short TTL in this file).
      expect(versions(sub.events)).toEqual(Array.from({ length: sub.events.length }, (_, i) => i + 1))
    } finally {
      two.services.pubsub.publish = realPublish
      await client.dispose()
    }
  })
})

describe('a storm of changes over both instances', () => {
  it('leaves every subscriber’s map equal to the seatMap query', async () => {
    const show = await app.factory.show({ seats: 40 })
    const buyers = await Promise.all(Array.from({ length: 12 }, () => app.factory.user()))
    const clients = [connect(one.ws), connect(two.ws), connect(one.ws)]
    const subs = clients.map((c) => seatMapEvents(c, show.globalId))
    await sleep(300)
    let changes = 0
    const worker = async (w: number) => {
      const user = buyers[w]!
      const url = w % 2 ? two.url : one.url
      while (changes < 2000) {
        const seat = show.seats[Math.floor(Math.random() * 40)]!
        const r = await httpGql(url, BookSeats, { input: { showId: show.globalId, seatIds: [seat.globalId] } }, user.token)
        if (r.data?.bookSeats.__typename !== 'BookSeatsSuccess') {
          expect(r.data?.bookSeats.__typename).toBe('SeatsUnavailableError')
          continue
        }
        changes++
        const c = await httpGql(url, CancelBooking, { input: { bookingId: r.data.bookSeats.booking.id } }, user.token)
        if (c.data?.cancelBooking.__typename === 'CancelBookingSuccess') changes++
      }
    }
    await Promise.all(buyers.map((_, w) => worker(w)))
    const final = await app.prisma.show.findUniqueOrThrow({ where: { id: show.id } })
    expect(final.seatMapVersion).toBeGreaterThanOrEqual(2000)
    const snapshot = await app.gql(SeatMapOf, { id: show.globalId })
    const expected = Object.fromEntries(snapshot.data!.show!.seatMap.seats.map((s) => [s.id, s.status]))
    for (const sub of subs) {
      await eventually(() => sub.events.length >= final.seatMapVersion, 20_000)
      expect(versions(sub.events)).toEqual(Array.from({ length: final.seatMapVersion }, (_, i) => i + 1))
      const applied: Record<string, string> = Object.fromEntries(show.seats.map((s) => [s.globalId, 'AVAILABLE']))
      for (const e of sub.events) for (const s of e.seats) applied[s.seatId] = s.status
      expect(applied).toEqual(expected)
    }
    await Promise.all(clients.map((c) => c.dispose()))
  }, 300_000)
})
