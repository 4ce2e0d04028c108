import { sql } from '../../db/sql.ts'
import type { Services } from '../../services.ts'
import type { SeatMapEventFact } from '../../pubsub/topics.ts'
import { newBookingCode } from './booking-code.ts'
import { afterBookingChange, afterSeatChange } from './events.ts'
import { batched } from '../../db/batch.ts'
import { freeSeats, recordChange, sellPaidBookings, type PaidSale, type SaleOutcome, type Tx } from './seat-store.ts'
import { SeatLocks } from './seat-locks.ts'

export type Settlement = 'BOOKED' | 'REFUNDED' | 'ALREADY_SETTLED'

/** What the payment job needs to charge and settle a payment, read in one statement. */
export interface PaymentToSettle {
  id: string
  bookingId: string
  showId: string
  status: string
  amount: number
  currency: string
  token: string
  /** Its window is still open by the database clock. */
  live: boolean
  seats: { id: string; seat_number: string }[]
}

type PaymentRow = Omit<PaymentToSettle, 'seats' | 'bookingId' | 'showId' | 'token'> & {
  booking_id: string
  show_id: string
  payment_token: string | null
  seat_ids: string[]
  seat_numbers: string[]
}

/** Reads payments to settle, any number in one statement; null for an id that is not there. */
async function readPayments(services: Services, paymentIds: string[]): Promise<(PaymentToSettle | null)[]> {
  const rows = await services.sql.rows<PaymentRow>(sql`
    SELECT p.id, p.booking_id, b.show_id, p.status::text, p.amount, p.currency, p.payment_token,
           p.expires_at > now() AS live, array_agg(s.id ORDER BY s.id) AS seat_ids, array_agg(s.seat_number ORDER BY s.id) AS seat_numbers
      FROM payments p
      JOIN bookings b ON b.id = p.booking_id
      JOIN booking_seats bs ON bs.booking_id = b.id
      JOIN seats s ON s.id = bs.seat_id
     WHERE p.id = ANY(${paymentIds}::uuid[])
     GROUP BY p.id, b.id`)
  const byId = new Map(rows.map((row) => [row.id, row]))
  return paymentIds.map((id) => {
    const row = byId.get(id)
    if (!row) return null
    const { booking_id, show_id, payment_token, seat_ids, seat_numbers, ...rest } = row
    const seats = seat_ids.map((seatId, i) => ({ id: seatId, seat_number: seat_numbers[i]! }))
    return { ...rest, bookingId: booking_id, showId: show_id, token: payment_token ?? '', seats }
  })
}

/** Sells in batches whose payment ids are distinct: a repeated id waits for the next round. */
async function sellDistinct(services: Services, sales: PaidSale[]): Promise<SaleOutcome[]> {
  const first = new Map<string, number>()
  const repeats: number[] = []
  sales.forEach((sale, i) => (first.has(sale.paymentId) ? repeats.push(i) : first.set(sale.paymentId, i)))
  const outcomes: SaleOutcome[] = new Array(sales.length)
  const distinct = [...first.values()]
  ;(await sellPaidBookings(services.sql, distinct.map((i) => sales[i]!))).forEach((o, k) => (outcomes[distinct[k]!] = o))
  if (repeats.length) (await sellDistinct(services, repeats.map((i) => sales[i]!))).forEach((o, k) => (outcomes[repeats[k]!] = o))
  return outcomes
}

// The worker's concurrent jobs read and settle together (see batched): one statement and one
// commit for every payment that got that far in the same turn of the event loop.
const batchers = new WeakMap<Services, { read: (id: string) => Promise<PaymentToSettle | null>; sell: (sale: PaidSale) => Promise<SaleOutcome> }>()
function batchersOf(services: Services) {
  let b = batchers.get(services)
  if (!b) {
    b = { read: batched((ids: string[]) => readPayments(services, ids)), sell: batched((sales: PaidSale[]) => sellDistinct(services, sales)) }
    batchers.set(services, b)
  }
  return b
}

const published = new WeakSet<SeatMapEventFact>()

/** What the payment job needs to charge and settle a payment (batched with its neighbours). */
export function findPaymentToSettle(services: Services, paymentId: string): Promise<PaymentToSettle | null> {
  return batchersOf(services).read(paymentId)
}

/**
 * The gateway took the money: sell the seats, or — if they are somehow no longer this booking's
 * (its hold expired, Redis and the sweeper raced) — refund and fail the booking. Never book seats
 * the booking does not hold. Guarded by the booking's and payment's states, so a re-run is a no-op.
 */
export async function settleSuccess(services: Services, payment: PaymentToSettle, chargeId: string): Promise<Settlement> {
  const { payable, event } = await batchersOf(services).sell({
    paymentId: payment.id,
    bookingId: payment.bookingId,
    chargeId,
    bookingCode: newBookingCode(),
    seats: payment.seats,
  })
  if (!payable) return refundIfNotOurs(services, payment)
  if (!event) return refundLostSeats(services, payment)
  // Issued together, the two publishes share one write to Redis; neither can fail the sale. The
  // bookings of one show sold in one batch share one change: the first of them publishes it.
  const first = !published.has(event)
  published.add(event)
  await Promise.all([
    first ? afterSeatChange(services, event) : undefined,
    afterBookingChange(services, payment.bookingId, { status: 'CONFIRMED', paymentStatus: 'SUCCEEDED' }),
  ])
  return 'BOOKED'
}

async function refundLostSeats(services: Services, payment: PaymentToSettle): Promise<Settlement> {
  const { bookingId } = payment
  services.logger.warn({ bookingId, paymentId: payment.id }, 'payment succeeded for seats the booking no longer holds: refunding')
  await services.gateway.refund(payment.id)
  const event = await services.prisma.$transaction((tx) =>
    failBooking(tx, bookingId, payment.showId, 'PAYMENT_FAILED', 'REFUNDED', 'seats no longer held'),
  )
  await releaseHolds(services, event, bookingId)
  await afterSeatChange(services, event)
  await afterBookingChange(services, bookingId)
  return 'REFUNDED'
}

/** A re-run after the booking moved on: if our charge is not what paid for it, give it back. */
async function refundIfNotOurs(services: Services, payment: PaymentToSettle): Promise<Settlement> {
  const p = await services.prisma.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true } })
  if (p.status === 'SUCCEEDED' || p.status === 'REFUNDED') return 'ALREADY_SETTLED'
  await services.gateway.refund(payment.id)
  await services.prisma.payment.update({ where: { id: payment.id }, data: { status: 'REFUNDED', failureReason: 'booking no longer payable' } })
  await afterBookingChange(services, payment.bookingId)
  return 'REFUNDED'
}

/** The card was declined: payment FAILED, booking PAYMENT_FAILED, seats back on sale. */
export async function settleDecline(services: Services, paymentId: string, reason: string): Promise<void> {
  const { prisma } = services
  const payment = await prisma.payment.findUniqueOrThrow({
    where: { id: paymentId },
    select: { bookingId: true, status: true, booking: { select: { showId: true } } },
  })
  if (payment.status !== 'PROCESSING') return
  const event = await prisma.$transaction((tx) =>
    failBooking(tx, payment.bookingId, payment.booking.showId, 'PAYMENT_FAILED', 'FAILED', reason),
  )
  await releaseHolds(services, event, payment.bookingId)
  await afterSeatChange(services, event)
  await afterBookingChange(services, payment.bookingId)
}

/**
 * Ends a booking that did not get paid and frees the seats it still holds (LOCKED only: sold
 * seats are cancelled elsewhere). Guarded: only a PENDING_PAYMENT booking moves.
 */
export async function failBooking(
  tx: Tx,
  bookingId: string,
  showId: string,
  status: 'PAYMENT_FAILED' | 'EXPIRED' | 'CANCELLED',
  paymentStatus: 'FAILED' | 'EXPIRED' | 'REFUNDED',
  reason: string,
): Promise<SeatMapEventFact | null> {
  const moved = await tx.booking.updateMany({ where: { id: bookingId, status: 'PENDING_PAYMENT' }, data: { status } })
  if (moved.count !== 1) return null
  await tx.payment.updateMany({
    where: { bookingId, status: { in: ['PENDING', 'PROCESSING'] } },
    data: { status: paymentStatus, failureReason: reason },
  })
  const freed = await freeSeats(tx, bookingId, 'LOCKED')
  if (!freed.length) return null
  const changeReason = status === 'EXPIRED' ? 'EXPIRED' : status === 'CANCELLED' ? 'CANCELLED' : 'RELEASED'
  return recordChange(tx, showId, changeReason, freed)
}

/** Drops the Redis holds of seats a committed change freed (compare-and-delete by booking). */
export async function releaseHolds(services: Services, event: SeatMapEventFact | null, bookingId: string) {
  if (!event) return
  const seatIds = event.seats.map((s) => s.seatId)
  await new SeatLocks(services.redis).release(event.showId, seatIds, bookingId).catch((err: unknown) =>
    services.logger.warn({ err, bookingId }, 'releasing Redis holds failed; they lapse with their TTL'),
  )
}
