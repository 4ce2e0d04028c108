import { createHash } from 'node:crypto'
import { hashedUuid } from '../hashed-uuid.ts'
import { Prisma } from '../../generated/prisma/client.ts'
import type { Services } from '../../services.ts'
import { DomainError, SeatsUnavailableError, ValidationError } from '../errors.ts'
import { afterSeatChange, safely } from './events.ts'
import { lockFreeSeats, recordChange, type Tx } from './seat-store.ts'
import { SeatLocks } from './seat-locks.ts'

export interface HoldRequest {
  userId: string
  showId: string
  seatIds: string[]
  idempotencyKey?: string | null
}

/**
 * Holds 1..MAX seats for a user, all or none, and records the pending booking and payment.
 * Order of checks follows the contract's error precedence. Redis filters contention cheaply;
 * PostgreSQL's guarded update decides. Returns the booking id.
 */
export async function holdSeats(services: Services, req: HoldRequest): Promise<string> {
  const { prisma, config } = services
  const requestHash = fingerprint(req)
  if (req.idempotencyKey) {
    const earlier = await findIdempotent(services, req.userId, req.idempotencyKey, requestHash)
    if (earlier) return earlier
  }

  // One round trip for every precondition; reported in the contract's order.
  const [show] = await prisma.$queryRaw<{ started: boolean; known: number; held: number }[]>`
    SELECT sh.start_time <= now() AS started,
           (SELECT count(*)::int FROM seats WHERE id = ANY(${req.seatIds}::uuid[]) AND show_id = sh.id) AS known,
           (SELECT count(*)::int FROM bookings b JOIN seats s ON s.booking_id = b.id
             WHERE b.user_id = ${req.userId}::uuid AND b.show_id = sh.id AND b.status = 'PENDING_PAYMENT'
               AND s.status = 'LOCKED' AND s.lock_expires_at > now()) AS held
      FROM shows sh WHERE sh.id = ${req.showId}::uuid`
  if (!show) throw new DomainError('SHOW_NOT_FOUND', 'No such show.')
  if (show.known !== req.seatIds.length) throw new DomainError('SEAT_NOT_FOUND', 'A seat is not a seat of this show.')
  if (show.started) throw new DomainError('SHOW_STARTED', 'The show has already started.')
  const cap = config.maxHeldSeatsPerUser
  if (show.held + req.seatIds.length > cap) {
    throw new DomainError('TOO_MANY_SEATS', `You can hold at most ${cap} seats of a show at a time; pay for or cancel a booking first.`)
  }

  // Same key, same booking id: concurrent retries share one hold token and one primary key.
  const bookingId = req.idempotencyKey ? hashedUuid(`booking|${req.userId}|${req.idempotencyKey}`) : crypto.randomUUID()
  const locks = new SeatLocks(services.redis)
  const takenInRedis = await locks.acquire(req.showId, req.seatIds, bookingId, config.seatLockExpiryMs)
  if (takenInRedis.length) throw new SeatsUnavailableError(takenInRedis)

  try {
    const event = await prisma.$transaction(async (tx) => {
      await insertBooking(tx, services, req, bookingId, requestHash)
      const locked = await lockFreeSeats(tx, req.showId, req.seatIds, bookingId, config.seatLockExpiryMs)
      if (locked.seats.length !== req.seatIds.length) {
        const mine = new Set(locked.seats.map((s) => s.seatId))
        throw new SeatsUnavailableError(req.seatIds.filter((id) => !mine.has(id)))
      }
      return recordChange(tx, req.showId, 'LOCKED', locked.seats, -locked.wasAvailable)
    })
    await afterSeatChange(services, event)
    await safely(services, 'scheduling expiry', () => services.queues.scheduleExpiry(bookingId, config.seatLockExpiryMs))
    return bookingId
  } catch (err) {
    // A concurrent retry with the same key may have won: its booking is the answer, and the
    // Redis hold (same token) is its hold, so it must not be released.
    if (req.idempotencyKey) {
      const earlier = await findIdempotent(services, req.userId, req.idempotencyKey, requestHash)
      if (earlier) return earlier
    }
    await locks.release(req.showId, req.seatIds, bookingId)
    if (err instanceof DomainError) throw err
    if (isSerializationFailure(err)) throw new SeatsUnavailableError(req.seatIds)
    throw err
  }
}

async function insertBooking(tx: Tx, services: Services, req: HoldRequest, bookingId: string, requestHash: string) {
  const { seatLockExpiryMs, paymentTimeoutMs } = services.config
  const inserted = await tx.$executeRaw`
    WITH s AS (
      SELECT price_amount, currency FROM shows WHERE id = ${req.showId}::uuid AND start_time > now()
    ), b AS (
      INSERT INTO bookings (id, user_id, show_id, status, total_amount, currency, idempotency_key, request_hash, expires_at, updated_at)
      SELECT ${bookingId}::uuid, ${req.userId}::uuid, ${req.showId}::uuid, 'PENDING_PAYMENT',
             price_amount * ${req.seatIds.length}, currency, ${req.idempotencyKey ?? null}, ${requestHash},
             now() + ${seatLockExpiryMs} * interval '1 millisecond', now()
        FROM s RETURNING id, total_amount, currency
    ), bs AS (
      INSERT INTO booking_seats (booking_id, seat_id) SELECT b.id, unnest(${req.seatIds}::uuid[]) FROM b
    )
    INSERT INTO payments (id, user_id, booking_id, order_id, amount, currency, status, expires_at, updated_at)
    SELECT ${crypto.randomUUID()}::uuid, ${req.userId}::uuid, b.id, ${orderId(bookingId)}, b.total_amount, b.currency,
           'PENDING', now() + ${paymentTimeoutMs} * interval '1 millisecond', now()
      FROM b`
  // The show started between the first check and this transaction.
  if (inserted !== 1) throw new DomainError('SHOW_STARTED', 'The show has already started.')
}

async function findIdempotent(services: Services, userId: string, key: string, requestHash: string) {
  const earlier = await services.prisma.booking.findUnique({
    where: { userId_idempotencyKey: { userId, idempotencyKey: key } },
    select: { id: true, requestHash: true },
  })
  if (earlier && earlier.requestHash !== requestHash) {
    throw new ValidationError('This idempotencyKey was already used for a different request.', 'idempotencyKey')
  }
  return earlier?.id ?? null
}

const fingerprint = (req: HoldRequest) =>
  createHash('sha256').update(`${req.showId}|${[...req.seatIds].sort().join(',')}`).digest('hex')

const orderId = (bookingId: string) => `ord_${bookingId.replace(/-/g, '')}`

function isSerializationFailure(err: unknown): boolean {
  const text = err instanceof Prisma.PrismaClientKnownRequestError ? JSON.stringify(err.meta) + err.message : String(err)
  return /40P01|40001|deadlock|could not serialize/i.test(text)
}
