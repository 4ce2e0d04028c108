import { sql } from '../../db/sql.ts'
import type { Services } from '../../services.ts'
import { bookingNotFound, DomainError, invalidState, ValidationError } from '../errors.ts'
import { afterBookingChange, safely } from './events.ts'
import { SeatLocks } from './seat-locks.ts'

export interface ConfirmRequest {
  userId: string
  bookingId: string
  paymentToken: string
  /** A retry with the key of the confirm that started the payment answers success, whatever came of it. */
  idempotencyKey?: string | null
}

/**
 * Starts paying for a held booking of a show that has not started: payment PENDING → PROCESSING,
 * the seats stay this booking's until the payment's own deadline (a hold must not lapse under a
 * payment in flight), and the payment job is queued after commit. A repeated confirm answers the
 * same booking and queues nothing: while the payment is in flight, or, with the first confirm's
 * idempotencyKey, also after its outcome.
 */
export async function confirmBooking(services: Services, req: ConfirmRequest): Promise<string> {
  const token = req.paymentToken.trim()
  if (!token || token.length > 200) throw new ValidationError('paymentToken must be 1 to 200 characters.', 'paymentToken')

  // One statement, no interactive transaction: only the owner's pending booking moves. Payment
  // PROCESSING, and the booking's deadline and its seats' locks moved to the payment's own
  // deadline, all or nothing. The booking's row is locked before the payment's, as a cancel, an
  // expiry and a sale lock them: the other order deadlocked with a cancel. The refusal path
  // reads the booking to say why.
  const [started] = await services.sql.rows<{ payment_id: string; show_id: string; expires_at: Date; seat_ids: string[] }>(sql`
    WITH b AS MATERIALIZED (
      SELECT b.id, b.show_id FROM bookings b JOIN shows sh ON sh.id = b.show_id
       WHERE b.id = ${req.bookingId}::uuid AND b.user_id = ${req.userId}::uuid
         AND b.status = 'PENDING_PAYMENT' AND b.expires_at > now() AND sh.start_time > now()
         FOR UPDATE OF b
    ), p AS (
      UPDATE payments p SET status = 'PROCESSING', payment_token = ${token}, confirm_key = ${req.idempotencyKey ?? null}, updated_at = now()
        FROM b
       WHERE p.booking_id = ${req.bookingId}::uuid AND p.booking_id = b.id AND p.status = 'PENDING' AND p.expires_at > now()
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
  const [now] = await services.sql.rows<{ user_id: string; status: string; lapsed: boolean; started: boolean; payment: string; confirm_key: string | null }>(sql`
    SELECT b.user_id, b.status::text, (b.expires_at <= now() OR p.expires_at <= now()) AS lapsed, sh.start_time <= now() AS started,
           p.status::text AS payment, p.confirm_key
      FROM bookings b JOIN shows sh ON sh.id = b.show_id JOIN payments p ON p.booking_id = b.id
     WHERE b.id = ${bookingId}::uuid`)
  if (!now || now.user_id !== req.userId) throw bookingNotFound()
  if (now.status === 'PENDING_PAYMENT' && now.payment === 'PROCESSING') return bookingId // duplicate confirm
  if (req.idempotencyKey && now.confirm_key === req.idempotencyKey) return bookingId // a retry of the confirm that paid
  if (now.status === 'EXPIRED') throw holdExpired()
  if (now.status === 'PENDING_PAYMENT') {
    if (now.started && !now.lapsed) throw new DomainError('SHOW_STARTED', 'The show has started; its seats can no longer be bought.')
    // Past its deadline but not yet swept: expire it now rather than leave it to the job.
    await services.queues.scheduleExpiry(bookingId, 0).catch(() => undefined)
    throw holdExpired()
  }
  throw invalidState(now.status, 'confirmed')
}

const holdExpired = () => new DomainError('HOLD_EXPIRED', 'The hold on these seats has expired.')
