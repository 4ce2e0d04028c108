import { createHash } from 'node:crypto'
import { hashedUuid } from '../hashed-uuid.ts'
import { Prisma } from '../../generated/prisma/client.ts'
import type { Services } from '../../services.ts'
import { DomainError, SeatsUnavailableError, ValidationError } from '../errors.ts'
import { afterSeatChange, safely } from './events.ts'
import { writeHold, type HeldBooking, type HoldOutcome } from './hold-statement.ts'
import { SeatLocks } from './seat-locks.ts'

export interface HoldRequest {
  userId: string
  showId: string
  seatIds: string[]
  idempotencyKey?: string | null
}

/** A hold's booking id, with the row it inserted (null when an earlier booking answered). */
export interface Hold {
  bookingId: string
  booking: HeldBooking | null
}

/** Holds seats (see placeHold) and answers the booking id. */
export async function holdSeats(services: Services, req: HoldRequest): Promise<string> {
  return (await placeHold(services, req)).bookingId
}

/**
 * Holds 1..MAX seats for a user, all or none, and records the pending booking and payment.
 * Order of checks follows the contract's error precedence. Redis filters contention cheaply;
 * PostgreSQL's guarded update decides. Two database round trips: the checks, then the hold.
 */
export async function placeHold(services: Services, req: HoldRequest): Promise<Hold> {
  const { prisma, config } = services
  const requestHash = fingerprint(req)
  const pre = await checkPreconditions(services, req)
  if (pre.earlier_id) {
    if (pre.earlier_hash !== requestHash) throw reusedKey()
    return { bookingId: pre.earlier_id, booking: null }
  }
  if (!pre.show_exists) throw new DomainError('SHOW_NOT_FOUND', 'No such show.')
  if (pre.known !== req.seatIds.length) throw new DomainError('SEAT_NOT_FOUND', 'A seat is not a seat of this show.')
  if (pre.started) throw showStarted()
  const cap = config.maxHeldSeatsPerUser
  if (pre.held + req.seatIds.length > cap) {
    throw new DomainError('TOO_MANY_SEATS', `You can hold at most ${cap} seats of a show at a time; pay for or cancel a booking first.`)
  }

  // Same key, same booking id: concurrent retries share one hold token and one primary key.
  const bookingId = req.idempotencyKey ? hashedUuid(`booking|${req.userId}|${req.idempotencyKey}`) : crypto.randomUUID()
  const locks = new SeatLocks(services.redis)
  const takenInRedis = await locks.acquire(req.showId, req.seatIds, bookingId, config.seatLockExpiryMs)
  if (takenInRedis.length) throw new SeatsUnavailableError(takenInRedis)

  const outcome = await writeHold(prisma, {
    bookingId,
    userId: req.userId,
    showId: req.showId,
    seatIds: req.seatIds,
    idempotencyKey: req.idempotencyKey ?? null,
    requestHash,
    paymentId: crypto.randomUUID(),
    orderId: orderId(bookingId),
    lockMs: config.seatLockExpiryMs,
    paymentMs: config.paymentTimeoutMs,
  }).catch((error: unknown) => ({ ok: false as const, error }))
  if (!outcome.ok) {
    // A concurrent retry with the same key may have won: its booking is the answer, and the
    // Redis hold (same token) is its hold, so it must not be released.
    if (req.idempotencyKey) {
      const earlier = await findIdempotent(services, req.userId, req.idempotencyKey, requestHash)
      if (earlier) return { bookingId: earlier, booking: null }
    }
    await locks.release(req.showId, req.seatIds, bookingId)
    throw refusal(outcome, req.seatIds)
  }
  await safely(services, 'publishing the hold', () => afterSeatChange(services, outcome.event))
  await safely(services, 'scheduling expiry', () => services.queues.scheduleExpiry(bookingId, config.seatLockExpiryMs))
  return { bookingId, booking: outcome.booking }
}

interface Preconditions {
  show_exists: boolean
  started: boolean | null
  known: number
  held: number
  earlier_id: string | null
  earlier_hash: string | null
}

// One round trip for every precondition and the idempotency lookup; reported in the contract's order.
async function checkPreconditions(services: Services, req: HoldRequest): Promise<Preconditions> {
  const [row] = await services.prisma.$queryRaw<Preconditions[]>`
    -- prepared
    SELECT sh.id IS NOT NULL AS show_exists, sh.start_time <= now() AS started,
           (SELECT count(*)::int FROM seats WHERE id = ANY(${req.seatIds}::uuid[]) AND show_id = ${req.showId}::uuid) AS known,
           (SELECT count(*)::int FROM bookings b JOIN seats s ON s.booking_id = b.id
             WHERE b.user_id = ${req.userId}::uuid AND b.show_id = ${req.showId}::uuid AND b.status = 'PENDING_PAYMENT'
               AND s.status = 'LOCKED' AND s.lock_expires_at > now()) AS held,
           e.id::text AS earlier_id, e.request_hash AS earlier_hash
      FROM (SELECT 1) one
      LEFT JOIN shows sh ON sh.id = ${req.showId}::uuid
      LEFT JOIN bookings e ON e.user_id = ${req.userId}::uuid AND e.idempotency_key = ${req.idempotencyKey ?? null}::text`
  return row!
}

/** Why PostgreSQL refused the hold, as the contract's error. */
function refusal(outcome: Exclude<HoldOutcome, { ok: true }> | { ok: false; error: unknown }, seatIds: string[]): unknown {
  if ('error' in outcome) return isSerializationFailure(outcome.error) ? new SeatsUnavailableError(seatIds) : outcome.error
  // The show started between the checks and the hold.
  return outcome.started ? showStarted() : new SeatsUnavailableError(outcome.taken)
}

const showStarted = () => new DomainError('SHOW_STARTED', 'The show has already started.')
const reusedKey = () => new ValidationError('This idempotencyKey was already used for a different request.', 'idempotencyKey')

async function findIdempotent(services: Services, userId: string, key: string, requestHash: string) {
  const earlier = await services.prisma.booking.findUnique({
    where: { userId_idempotencyKey: { userId, idempotencyKey: key } },
    select: { id: true, requestHash: true },
  })
  if (earlier && earlier.requestHash !== requestHash) throw reusedKey()
  return earlier?.id ?? null
}

const fingerprint = (req: HoldRequest) =>
  createHash('sha256').update(`${req.showId}|${[...req.seatIds].sort().join(',')}`).digest('hex')

const orderId = (bookingId: string) => `ord_${bookingId.replace(/-/g, '')}`

function isSerializationFailure(err: unknown): boolean {
  const text = err instanceof Prisma.PrismaClientKnownRequestError ? JSON.stringify(err.meta) + err.message : String(err)
  return /40P01|40001|deadlock|could not serialize/i.test(text)
}
