import { expect } from 'vitest'
import type { TestApp } from './app.ts'
import { BookingById, BookSeats, ConfirmBooking } from './operations.ts'
import { eventually } from './wait.ts'

type Show = Awaited<ReturnType<TestApp['factory']['show']>>
type User = Awaited<ReturnType<TestApp['factory']['user']>>

/** Holds seats (by index into the show's seats) and expects it to succeed. */
export async function hold(app: TestApp, user: User, show: Show, seatIdx: number[], idempotencyKey?: string) {
  const res = await app.gql(BookSeats, { input: { showId: show.globalId, seatIds: seatIdx.map((i) => show.seats[i]!.globalId), idempotencyKey } }, user.token)
  expect(res.errors).toBeUndefined()
  const r = res.data!.bookSeats
  if (r.__typename !== 'BookSeatsSuccess') throw new Error(`hold failed: ${JSON.stringify(r)}`)
  return r.booking
}

export async function confirm(app: TestApp, user: User, bookingId: string, paymentToken = 'tok_visa') {
  const res = await app.gql(ConfirmBooking, { input: { bookingId, paymentToken } }, user.token)
  expect(res.errors).toBeUndefined()
  return res.data!.confirmBooking
}

export async function waitForStatus(app: TestApp, user: User, bookingId: string, status: string, timeoutMs = 10_000) {
  return eventually(async () => {
    const res = await app.gql(BookingById, { id: bookingId }, user.token)
    return res.data?.booking?.status === status ? res.data.booking : null
  }, timeoutMs)
}

/** Seat-map version, statuses, change log and live bookings, read in one snapshot. */
export async function dbState(app: TestApp, showId: string) {
  // A hold past its deadline may have lost its seats to a newer hold before its expiry job ran.
  const [show, seats, log, live] = await app.prisma.$transaction(
    [
      app.prisma.show.findUniqueOrThrow({ where: { id: showId } }),
      app.prisma.seat.findMany({ where: { showId }, orderBy: [{ row: 'asc' }, { number: 'asc' }] }),
      app.prisma.seatMapChange.findMany({ where: { showId }, orderBy: { version: 'asc' } }),
      app.prisma.booking.findMany({
        where: { showId, OR: [{ status: 'CONFIRMED' }, { status: 'PENDING_PAYMENT', expiresAt: { gt: new Date() } }] },
        include: { seats: true },
      }),
    ],
    { isolationLevel: 'RepeatableRead' },
  )
  return { version: show.seatMapVersion, available: show.availableSeats, seats, log, live }
}

/** The invariants that must hold whatever happened: counted seats match, no seat in two live bookings. */
export async function expectConsistent(app: TestApp, showId: string) {
  const { version, available, seats, log, live } = await dbState(app, showId)
  expect(available).toBe(seats.filter((s) => s.status === 'AVAILABLE').length)
  expect(log.map((l) => l.version)).toEqual(Array.from({ length: version }, (_, i) => i + 1))
  const owner = new Map<string, string>()
  for (const b of live) {
    for (const s of b.seats) {
      expect(owner.get(s.seatId), `seat ${s.seatId} in two live bookings`).toBeUndefined()
      owner.set(s.seatId, b.id)
    }
  }
  for (const seat of seats) {
    if (seat.status === 'AVAILABLE' || owner.get(seat.id) === seat.bookingId) continue
    // Otherwise only a lapsed hold awaiting its expiry job may sit there: every writer treats it as free.
    expect(seat.status, `seat ${seat.seatNumber}`).toBe('LOCKED')
    expect(seat.lockExpiresAt!.getTime()).toBeLessThan(Date.now())
  }
  for (const b of live) {
    const held = seats.filter((s) => s.bookingId === b.id)
    if (b.status === 'CONFIRMED') expect(held.every((s) => s.status === 'BOOKED') && held.length === b.seats.length).toBe(true)
  }
}
