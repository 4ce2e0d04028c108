import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeHold, type HoldResult } from '../src/domain/booking/hold-batches.ts'
import type { HoldWrite } from '../src/domain/booking/hold-statement.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { dbState, expectConsistent } from './support/booking-helpers.ts'

// Holds written in the same turn of the event loop share one statement: these call the batcher
// directly, all in one turn, so each test knows exactly what one batch holds.
let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ MAX_HELD_SEATS_PER_USER: '4' })
})
afterAll(() => app.close())

type Show = Awaited<ReturnType<TestApp['factory']['show']>>

function write(userId: string, show: Show, seatIdx: number[], bookingId: string = crypto.randomUUID()): HoldWrite {
  return {
    bookingId,
    userId,
    showId: show.id,
    seatIds: seatIdx.map((i) => show.seats[i]!.id),
    idempotencyKey: null,
    requestHash: 'test',
    paymentId: crypto.randomUUID(),
    orderId: `ord_${crypto.randomUUID()}`,
  }
}

/** Every write handed to the batcher in one turn, so they start as one batch. */
const together = (writes: HoldWrite[]) => Promise.all(writes.map((w) => writeHold(app.services, w)))

const newUser = async () => (await app.factory.user()).id

const refused = (r: HoldResult) => {
  if (r.ok || 'error' in r) throw new Error(`expected a refusal, got ${JSON.stringify(r)}`)
  return r
}

describe('holds written together', () => {
  it('each hold stands alone and stays one change of its show, with a version of its own', async () => {
    const [showA, showB] = [await app.factory.show({ seats: 6 }), await app.factory.show({ seats: 4 })]
    const writes = [
      write(await newUser(), showA, [0, 1]),
      write(await newUser(), showA, [2, 3]),
      write(await newUser(), showA, [5]),
      write(await newUser(), showB, [0, 1, 2]),
    ]
    const results = await together(writes)
    const events = results.map((r) => (r.ok ? r.event : null))
    expect(events.map((e) => e && [e.showId, e.reason])).toEqual([
      [showA.id, 'LOCKED'],
      [showA.id, 'LOCKED'],
      [showA.id, 'LOCKED'],
      [showB.id, 'LOCKED'],
    ])
    expect(events.slice(0, 3).map((e) => e!.version).sort()).toEqual([1, 2, 3])
    expect(events[3]!.version).toBe(1)
    // Each event names exactly its own hold's seats, and the log says the same under that version.
    const a = await dbState(app, showA.id)
    expect([a.version, a.available, a.log.length]).toEqual([3, 1, 3])
    for (const [i, w] of writes.entries()) {
      const event = events[i]!
      expect(event.seats.map((s) => s.seatId).sort()).toEqual([...w.seatIds].sort())
      const logged = (await dbState(app, w.showId)).log.find((l) => l.version === event.version)!
      expect(logged.seats).toEqual(event.seats)
      const booking = await app.prisma.booking.findUniqueOrThrow({ where: { id: w.bookingId }, include: { payment: true, seats: true } })
      expect(booking.seats).toHaveLength(w.seatIds.length)
      expect(booking.payment?.status).toBe('PENDING')
      const result = results[i]!
      expect(result.ok && result.booking.totalAmount).toBe(booking.totalAmount)
    }
    await expectConsistent(app, showA.id)
    await expectConsistent(app, showB.id)
  })

  it('a refused hold changes nothing and its neighbours are still held', async () => {
    const show = await app.factory.show({ seats: 8 })
    const other = await app.factory.show({ seats: 2 })
    // Taken in PostgreSQL (as if Redis had lost the lock): the batch's guard must see it.
    expect((await writeHold(app.services, write(await newUser(), show, [0]))).ok).toBe(true)
    const stranger = { ...write(await newUser(), show, [6]), seatIds: [show.seats[6]!.id, other.seats[0]!.id] }
    const greedy = write(await newUser(), show, [3, 4, 5, 7, 1])
    const results = await together([write(await newUser(), show, [0, 1]), stranger, greedy, write(await newUser(), show, [2])])

    expect(refused(results[0]!).taken).toEqual([show.seats[0]!.id])
    expect(refused(results[1]!).known).toBe(1)
    expect(results[2]!.ok).toBe(false) // over the cap of 4
    expect(results[3]!.ok).toBe(true)
    const state = await dbState(app, show.id)
    expect(state.version).toBe(2) // the hold before the batch, and the batch's one winner
    expect(state.seats.filter((s) => s.status === 'LOCKED').map((s) => s.seatNumber)).toEqual(
      [0, 2].map((i) => show.seats[i]!.seatNumber),
    )
    expect(await app.prisma.booking.count({ where: { showId: show.id } })).toBe(2)
    await expectConsistent(app, show.id)
  })

  it('a batch that fails is retried hold by hold: the failure stays with its own hold', async () => {
    const show = await app.factory.show({ seats: 4 })
    // A user that does not exist: the foreign key aborts the whole batch statement.
    const results = await together([write(await newUser(), show, [0]), write(crypto.randomUUID(), show, [1]), write(await newUser(), show, [2])])
    expect(results.map((r) => r.ok)).toEqual([true, false, true])
    expect(results[1]).toMatchObject({ error: expect.objectContaining({ code: '23503' }) })
    const state = await dbState(app, show.id)
    expect(state.seats.map((s) => s.status)).toEqual(['LOCKED', 'AVAILABLE', 'LOCKED', 'AVAILABLE'])
    await expectConsistent(app, show.id)
  })

  it('a later hold of the batch that shares a seat, a booking id or a user and show waits for the first', async () => {
    const show = await app.factory.show({ seats: 8 })
    const user = await newUser()
    const first = write(await newUser(), show, [0, 1])
    const retry = { ...first, paymentId: crypto.randomUUID(), orderId: `ord_${crypto.randomUUID()}` }
    const results = await together([
      first,
      write(await newUser(), show, [1, 2]),
      retry,
      write(user, show, [4, 5, 6]),
      write(user, show, [7, 3]),
    ])
    expect(results[0]!.ok).toBe(true)
    expect(refused(results[1]!).taken).toEqual([show.seats[1]!.id])
    expect(results[2]!.ok).toBe(false) // its booking exists: placeHold answers it to an idempotent retry
    expect(results[3]!.ok).toBe(true)
    expect(refused(results[4]!).held).toBe(3)
    const state = await dbState(app, show.id)
    expect(state.seats.filter((s) => s.status === 'LOCKED')).toHaveLength(5)
    await expectConsistent(app, show.id)
  })
})
