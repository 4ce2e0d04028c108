import type { Services } from '../../services.ts'
import { bookingNotFound, DomainError, ValidationError } from '../errors.ts'
import { afterBookingChange, safely } from './events.ts'
import { extendLocks } from './seat-store.ts'
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

  const started = await prisma.$transaction(async (tx) => {
    const [p] = await tx.$queryRaw<{ expires_at: Date }[]>`
      UPDATE payments SET status = 'PROCESSING', payment_token = ${token}, updated_at = now()
       WHERE id = ${payment.id}::uuid AND status = 'PENDING' AND expires_at > now()
         AND EXISTS (SELECT 1 FROM bookings b WHERE b.id = ${req.bookingId}::uuid
                      AND b.status = 'PENDING_PAYMENT' AND b.expires_at > now())
      RETURNING expires_at`
    if (!p) return null
    await tx.$executeRaw`
      UPDATE bookings SET expires_at = GREATEST(expires_at, ${p.expires_at}::timestamptz), updated_at = now()
       WHERE id = ${req.bookingId}::uuid`
    await extendLocks(tx, req.bookingId, p.expires_at)
    return p.expires_at
  })

  if (!started) return explainRefusal(services, req.bookingId)

  const seatIds = (await prisma.bookingSeat.findMany({ where: { bookingId: req.bookingId }, select: { seatId: true } })).map((s) => s.seatId)
  await safely(services, 'extending Redis holds', () =>
    new SeatLocks(services.redis).extend(booking.showId, seatIds, req.bookingId, started.getTime() - Date.now()),
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
