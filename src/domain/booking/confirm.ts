import type { Services } from '../../services.ts'
import { bookingNotFound, DomainError, ValidationError } from '../errors.ts'
import { afterBookingChange, safely } from './events.ts'
import { SeatLocks } from './seat-locks.ts'

export interface ConfirmRequest {
  userId: string
  bookingId: string
  paymentToken: string
}

/**
 * Starts paying for a held booking: payment PENDING → PROCESSING, the seats stay this booking's
 * until the payment's own deadline (a hold must not lapse under a payment in flight), and the
 * payment job is queued after commit. A repeated confirm answers the same booking, queues nothing.
 */
export async function confirmBooking(services: Services, req: ConfirmRequest): Promise<string> {
  const { prisma } = services
  const token = req.paymentToken.trim()
  if (!token || token.length > 200) throw new ValidationError('paymentToken must be 1 to 200 characters.', 'paymentToken')

  const booking = await prisma.booking.findUnique({
    where: { id: req.bookingId },
    select: { userId: true, showId: true, status: true, payment: { select: { id: true, status: true } } },
  })
  if (!booking || booking.userId !== req.userId || !booking.payment) throw bookingNotFound()
  const payment = booking.payment

  // One statement, no interactive transaction: payment PROCESSING, and the booking's deadline and
  // its seats' locks moved to the payment's own deadline, all or nothing.
  const [started] = await prisma.$queryRaw<{ expires_at: Date; seat_ids: string[] }[]>`
    WITH p AS (
      UPDATE payments SET status = 'PROCESSING', payment_token = ${token}, updated_at = now()
       WHERE id = ${payment.id}::uuid AND status = 'PENDING' AND expires_at > now()
         AND EXISTS (SELECT 1 FROM bookings b WHERE b.id = ${req.bookingId}::uuid
                      AND b.status = 'PENDING_PAYMENT' AND b.expires_at > now())
      RETURNING expires_at
    ), booking AS (
      UPDATE bookings b SET expires_at = GREATEST(b.expires_at, p.expires_at), updated_at = now()
        FROM p WHERE b.id = ${req.bookingId}::uuid
    ), seats AS (
      UPDATE seats s SET lock_expires_at = GREATEST(s.lock_expires_at, p.expires_at)
        FROM p WHERE s.booking_id = ${req.bookingId}::uuid AND s.status = 'LOCKED'
      RETURNING s.id
    )
    SELECT p.expires_at, ARRAY(SELECT id FROM seats) AS seat_ids FROM p`

  if (!started) return explainRefusal(services, req.bookingId)

  await safely(services, 'extending Redis holds', () =>
    new SeatLocks(services.redis).extend(booking.showId, started.seat_ids, req.bookingId, started.expires_at.getTime() - Date.now()),
  )
  await safely(services, 'queueing the payment', () => services.queues.enqueuePayment({ paymentId: payment.id, bookingId: req.bookingId }))
  await safely(services, 'publishing the booking', () => afterBookingChange(services, req.bookingId, { status: 'PENDING_PAYMENT', paymentStatus: 'PROCESSING' }))
  return req.bookingId
}

/** The guarded update refused: say why, from the state as it is now. */
async function explainRefusal(services: Services, bookingId: string): Promise<string> {
  const now = await services.prisma.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: { status: true, expiresAt: true, payment: { select: { status: true, expiresAt: true } } },
  })
  if (now.status === 'PENDING_PAYMENT' && now.payment?.status === 'PROCESSING') return bookingId // duplicate confirm
  if (now.status === 'EXPIRED') throw new DomainError('HOLD_EXPIRED', 'The hold on these seats has expired.')
  if (now.status === 'PENDING_PAYMENT') {
    // Past its deadline but not yet swept: expire it now rather than leave it to the job.
    await services.queues.scheduleExpiry(bookingId, 0).catch(() => undefined)
    throw new DomainError('HOLD_EXPIRED', 'The hold on these seats has expired.')
  }
  throw new DomainError('INVALID_STATE', `A ${now.status.toLowerCase().replace('_', ' ')} booking cannot be confirmed.`)
}
