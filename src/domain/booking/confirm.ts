import { sql } from '../../db/sql.ts'
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
  const token = req.paymentToken.trim()
  if (!token || token.length > 200) throw new ValidationError('paymentToken must be 1 to 200 characters.', 'paymentToken')

  // One statement, no interactive transaction: only the owner's pending booking moves. Payment
  // PROCESSING, and the booking's deadline and its seats' locks moved to the payment's own
  // deadline, all or nothing. The refusal path reads the booking to say why.
  const [started] = await services.sql.rows<{ payment_id: string; show_id: string; expires_at: Date; seat_ids: string[] }>(sql`
    WITH p AS (
      UPDATE payments p SET status = 'PROCESSING', payment_token = ${token}, updated_at = now()
        FROM bookings b
       WHERE p.booking_id = ${req.bookingId}::uuid AND p.status = 'PENDING' AND p.expires_at > now()
         AND b.id = p.booking_id AND b.user_id = ${req.userId}::uuid
         AND b.status = 'PENDING_PAYMENT' AND b.expires_at > now()
      RETURNING p.id, p.expires_at, b.show_id
    ), booking AS (
      UPDATE bookings b SET expires_at = GREATEST(b.expires_at, p.expires_at), updated_at = now()
        FROM p WHERE b.id = ${req.bookingId}::uuid
    ), seats AS (
      UPDATE seats s SET lock_expires_at = GREATEST(s.lock_expires_at, p.expires_at)
        FROM p WHERE s.booking_id = ${req.bookingId}::uuid AND s.status = 'LOCKED'
      RETURNING s.id
    )
    SELECT p.id AS payment_id, p.show_id, p.expires_at, ARRAY(SELECT id FROM seats) AS seat_ids FROM p`)

  if (!started) return explainRefusal(services, req)

  // Independent of each other and issued together, so they share writes to Redis. The job may
  // start before the Redis holds are extended: settling never reads them.
  await Promise.all([
    safely(services, 'extending Redis holds', () =>
      new SeatLocks(services.redis).extend(started.show_id, started.seat_ids, req.bookingId, started.expires_at.getTime() - Date.now()),
    ),
    safely(services, 'queueing the payment', () => services.queues.enqueuePayment({ paymentId: started.payment_id, bookingId: req.bookingId })),
    safely(services, 'publishing the booking', () =>
      afterBookingChange(services, req.bookingId, { status: 'PENDING_PAYMENT', paymentStatus: 'PROCESSING' }),
    ),
  ])
  return req.bookingId
}

/** The guarded update refused: say why, from the state as it is now. */
async function explainRefusal(services: Services, req: ConfirmRequest): Promise<string> {
  const { bookingId } = req
  const now = await services.prisma.booking.findUnique({
    where: { id: bookingId },
    select: { userId: true, status: true, expiresAt: true, payment: { select: { status: true, expiresAt: true } } },
  })
  if (!now || now.userId !== req.userId || !now.payment) throw bookingNotFound()
  if (now.status === 'PENDING_PAYMENT' && now.payment?.status === 'PROCESSING') return bookingId // duplicate confirm
  if (now.status === 'EXPIRED') throw new DomainError('HOLD_EXPIRED', 'The hold on these seats has expired.')
  if (now.status === 'PENDING_PAYMENT') {
    // Past its deadline but not yet swept: expire it now rather than leave it to the job.
    await services.queues.scheduleExpiry(bookingId, 0).catch(() => undefined)
    throw new DomainError('HOLD_EXPIRED', 'The hold on these seats has expired.')
  }
  throw new DomainError('INVALID_STATE', `A ${now.status.toLowerCase().replace('_', ' ')} booking cannot be confirmed.`)
}
