import type { Services } from '../../services.ts'
import { bookingNotFound, DomainError, invalidState } from '../errors.ts'
import { afterBookingChange, afterSeatChange, safely } from './events.ts'
import { refundPayment } from './refunds.ts'
import { failBooking, releaseHolds } from './settle.ts'
import { freeSeats, recordChange } from './seat-store.ts'

/**
 * The owner cancels: an unpaid hold is dropped; a paid booking is refunded and its seats go back
 * on sale, but only before the show starts. Anything else is INVALID_STATE.
 */
export async function cancelBooking(services: Services, userId: string, bookingId: string): Promise<string> {
  const { prisma } = services
  const booking = await prisma.booking.findUnique({
    where: { id: bookingId },
    select: { userId: true, showId: true, status: true, payment: { select: { id: true } } },
  })
  if (!booking || booking.userId !== userId) throw bookingNotFound()

  if (booking.status === 'PENDING_PAYMENT') {
    // Decided again under the booking's row lock: the read above may be older than a sale or an
    // expiry that committed since (and Prisma reads the payment in a statement of its own).
    const outcome = await prisma.$transaction(async (tx) => {
      const [now] = await tx.$queryRaw<{ status: string; live: boolean }[]>`
        SELECT status, expires_at > now() AS live FROM bookings WHERE id = ${bookingId}::uuid FOR UPDATE`
      if (now?.status !== 'PENDING_PAYMENT') return 'MOVED' as const
      // Its own statement, after the lock: joined into the locking one it would be read as of
      // that statement's start, before a confirm that committed while the lock was awaited.
      // (Locking the payment too would take the two rows in the order confirm does not.)
      const [payment] = await tx.$queryRaw<{ paying: boolean }[]>`
        SELECT status = 'PROCESSING' AS paying FROM payments WHERE booking_id = ${bookingId}::uuid`
      if (!now.live) return 'EXPIRED' as const
      // A payment in flight is left to its job: a charge that goes through finds the booking
      // cancelled and is refunded, a decline fails the payment (settle.ts).
      const paymentStatus = payment?.paying ? null : 'FAILED'
      return { event: await failBooking(tx, bookingId, booking.showId, 'CANCELLED', paymentStatus, 'cancelled by the customer') }
    })
    // Paid, expired or cancelled meanwhile: answer for the state it is in now.
    if (outcome === 'MOVED') return cancelBooking(services, userId, bookingId)
    if (outcome === 'EXPIRED') {
      await services.queues.scheduleExpiry(bookingId, 0).catch(() => undefined)
      throw new DomainError('INVALID_STATE', 'This booking has expired.')
    }
    const { event } = outcome
    await releaseHolds(services, event, bookingId)
    await afterSeatChange(services, event)
    await afterBookingChange(services, bookingId)
    return bookingId
  }

  if (booking.status === 'CONFIRMED') {
    const event = await prisma.$transaction(async (tx) => {
      const moved = await tx.$executeRaw`
        UPDATE bookings b SET status = 'CANCELLED', updated_at = now()
          FROM shows s
         WHERE b.id = ${bookingId}::uuid AND b.status = 'CONFIRMED' AND s.id = b.show_id AND s.start_time > now()`
      if (moved !== 1) return 'REFUSED' as const
      await tx.payment.updateMany({ where: { bookingId, status: 'SUCCEEDED' }, data: { status: 'REFUNDED' } })
      return recordChange(tx, booking.showId, 'CANCELLED', await freeSeats(tx, bookingId, 'BOOKED'))
    })
    if (event === 'REFUSED') {
      const now = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { status: true } })
      if (now.status === 'CONFIRMED') throw new DomainError('SHOW_STARTED', 'The show has started; this booking can no longer be cancelled.')
      throw invalidState(now.status, 'cancelled')
    }
    // Refund after the commit; should the gateway fail or this process die first, the sweeper
    // refunds it (refunds.ts). The booking is cancelled either way, and is answered so.
    if (booking.payment) {
      const paymentId = booking.payment.id
      await safely(services, 'refunding a cancelled booking', () => refundPayment(services, paymentId))
    }
    await releaseHolds(services, event, bookingId)
    await afterSeatChange(services, event)
    await afterBookingChange(services, bookingId, { status: 'CANCELLED', paymentStatus: 'REFUNDED' })
    return bookingId
  }

  throw invalidState(booking.status, 'cancelled')
}
