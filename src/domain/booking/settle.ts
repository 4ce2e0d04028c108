import type { Services } from '../../services.ts'
import type { SeatMapEventFact } from '../../pubsub/topics.ts'
import { newBookingCode } from './booking-code.ts'
import { refundPayment } from './refunds.ts'
import { afterBookingChange, afterSeatChange, safely } from './events.ts'
import { freeSeats, recordChange, type Tx } from './seat-store.ts'
import { sellPaid, type PaymentToSettle } from './settle-batches.ts'
import { SeatLocks } from './seat-locks.ts'

export type Settlement = 'BOOKED' | 'REFUNDED' | 'ALREADY_SETTLED'

/**
 * The gateway took the money: sell the seats, or — if they are somehow no longer this booking's
 * (its hold expired, Redis and the sweeper raced) — refund and fail the booking. Never book seats
 * the booking does not hold. Guarded by the booking's and payment's states, so a re-run is a no-op.
 */
export async function settleSuccess(services: Services, payment: PaymentToSettle, chargeId: string): Promise<Settlement> {
  const { payable, event } = await sellPaid(services, {
    paymentId: payment.id,
    bookingId: payment.bookingId,
    chargeId,
    bookingCode: newBookingCode(),
    seats: payment.seats,
  })
  if (!payable) return refundIfNotOurs(services, payment)
  if (!event) return refundLostSeats(services, payment)
  // Issued together, the two publishes share one write to Redis; neither can fail the sale.
  await Promise.all([
    afterSeatChange(services, event),
    afterBookingChange(services, payment.bookingId, { status: 'CONFIRMED', paymentStatus: 'SUCCEEDED' }),
  ])
  return 'BOOKED'
}

async function refundLostSeats(services: Services, payment: PaymentToSettle): Promise<Settlement> {
  const { bookingId } = payment
  services.logger.warn({ bookingId, paymentId: payment.id }, 'payment succeeded for seats the booking no longer holds: refunding')
  await refundPayment(services, payment.id)
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
  await refundPayment(services, payment.id)
  await services.prisma.payment.update({ where: { id: payment.id }, data: { status: 'REFUNDED', failureReason: 'booking no longer payable' } })
  await afterBookingChange(services, payment.bookingId)
  return 'REFUNDED'
}

/**
 * A payment that ended without paying for its booking: the booking was cancelled or expired while
 * it was in flight, or its window closed before its job charged. A charge an earlier attempt took
 * (its process died before settling, or the sale kept failing) is given back; an uncharged payment
 * ends as `uncharged`. The refund is recorded as owed before the gateway is asked, so should the
 * gateway refuse or this process die, the sweeper makes it (refunds.ts). A charge still in flight
 * meanwhile is refunded when it settles (refundIfNotOurs). Answers whether the payment moved (and
 * bookingUpdated was told).
 */
export async function endUnpaidPayment(services: Services, paymentId: string, bookingId: string, uncharged: 'EXPIRED' | 'FAILED'): Promise<boolean> {
  const { prisma } = services
  let moved: number
  if (await services.gateway.chargesFor(paymentId)) {
    moved = (
      await prisma.payment.updateMany({
        where: { id: paymentId, status: { in: ['PROCESSING', 'EXPIRED', 'FAILED'] } },
        data: { status: 'REFUNDED', failureReason: 'booking ended before its charge was settled' },
      })
    ).count
    if (moved) await safely(services, 'refunding a charge that never settled', () => refundPayment(services, paymentId))
  } else {
    moved = (
      await prisma.payment.updateMany({
        where: { id: paymentId, status: 'PROCESSING' },
        data: { status: uncharged, failureReason: 'booking ended before the charge' },
      })
    ).count
  }
  if (moved) await afterBookingChange(services, bookingId)
  return moved > 0
}

/** The card was declined: payment FAILED, booking PAYMENT_FAILED, seats back on sale. */
export async function settleDecline(services: Services, paymentId: string, reason: string): Promise<void> {
  const { prisma } = services
  const payment = await prisma.payment.findUniqueOrThrow({
    where: { id: paymentId },
    select: { bookingId: true, status: true, booking: { select: { showId: true } } },
  })
  if (payment.status !== 'PROCESSING') return
  const event = await prisma.$transaction(async (tx) => {
    const freed = await failBooking(tx, payment.bookingId, payment.booking.showId, 'PAYMENT_FAILED', 'FAILED', reason)
    // The booking may have been cancelled while the charge was in flight: the payment still ends.
    await tx.payment.updateMany({ where: { id: paymentId, status: 'PROCESSING' }, data: { status: 'FAILED', failureReason: reason } })
    return freed
  })
  await releaseHolds(services, event, payment.bookingId)
  await afterSeatChange(services, event)
  await afterBookingChange(services, payment.bookingId)
}

/**
 * Ends a booking that did not get paid and frees the seats it still holds (LOCKED only: sold
 * seats are cancelled elsewhere). Guarded: only a PENDING_PAYMENT booking moves. Its payment
 * ends as `paymentStatus`, or, with null, is left to the payment job in flight.
 */
export async function failBooking(
  tx: Tx,
  bookingId: string,
  showId: string,
  status: 'PAYMENT_FAILED' | 'EXPIRED' | 'CANCELLED',
  paymentStatus: 'FAILED' | 'EXPIRED' | 'REFUNDED' | null,
  reason: string,
): Promise<SeatMapEventFact | null> {
  const moved = await tx.booking.updateMany({ where: { id: bookingId, status: 'PENDING_PAYMENT' }, data: { status } })
  if (moved.count !== 1) return null
  if (paymentStatus) {
    await tx.payment.updateMany({
      where: { bookingId, status: { in: ['PENDING', 'PROCESSING'] } },
      data: { status: paymentStatus, failureReason: reason },
    })
  }
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
