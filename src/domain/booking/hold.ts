import { createHash } from 'node:crypto'
import { GraphQLError } from 'graphql'
import { hashedUuid } from '../hashed-uuid.ts'
import { Prisma } from '../../generated/prisma/client.ts'
import type { Services } from '../../services.ts'
import { DomainError, SeatsUnavailableError, ValidationError } from '../errors.ts'
import { afterSeatChange, safely } from './events.ts'
import { writeHold, type HoldResult } from './hold-batches.ts'
import type { HeldBooking, HoldFacts } from './hold-statement.ts'
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
 * Errors follow the contract's precedence. Redis filters contention cheaply; PostgreSQL's guarded
 * update decides. The common case is one Redis round trip (the seat locks, with `alongside`, the
 * caller's rate limit, pipelined beside them) and one statement that checks and holds, shared with
 * the holds that reach PostgreSQL in the same turn (hold-batches.ts). A request
 * with an idempotency key first looks for its earlier booking; one that Redis refuses looks at the
 * preconditions, which the contract puts before SEATS_UNAVAILABLE.
 */
export async function placeHold(services: Services, req: HoldRequest, alongside: () => Promise<void> = async () => {}): Promise<Hold> {
  const { config } = services
  const requestHash = fingerprint(req)
  // Same key, same booking id: concurrent retries share one hold token and one primary key.
  const bookingId = req.idempotencyKey ? hashedUuid(`booking|${req.userId}|${req.idempotencyKey}`) : crypto.randomUUID()
  const locks = new SeatLocks(services.redis)
  const acquire = () => locks.acquire(req.showId, req.seatIds, bookingId, config.seatLockExpiryMs)
  const release = () => locks.release(req.showId, req.seatIds, bookingId)

  let taken: string[]
  if (req.idempotencyKey) {
    // A replay holds nothing new: it finds its booking before touching a seat lock.
    await alongside()
    const earlier = await findIdempotent(services, req.userId, req.idempotencyKey, requestHash)
    if (earlier) return { bookingId: earlier, booking: null }
    taken = await acquire()
  } else {
    taken = await bothOrUndo(acquire(), alongside(), release)
  }
  if (taken.length) {
    // Redis names the seats it has locks for; a seat sold or held in PostgreSQL whose lock Redis no
    // longer keeps (a sale outlives its lock, Redis may lose keys) is just as taken.
    const facts = await checkPreconditions(services, req)
    throw preconditionError(facts, req.seatIds.length, config.maxHeldSeatsPerUser) ?? new SeatsUnavailableError(inRequestOrder(req.seatIds, taken, facts.taken))
  }

  const outcome = await writeHold(services, {
    bookingId,
    userId: req.userId,
    showId: req.showId,
    seatIds: req.seatIds,
    idempotencyKey: req.idempotencyKey ?? null,
    requestHash,
    paymentId: crypto.randomUUID(),
    orderId: orderId(bookingId),
  })
  if (!outcome.ok) {
    // A concurrent request with the same key may have won: its booking is the answer, and the
    // Redis hold (same token) is its hold, so its seats must not be released. Any other seat this
    // request locked is let go, also when the winner asked for other seats (a reused key).
    if (req.idempotencyKey) {
      const earlier = await findIdempotent(services, req.userId, req.idempotencyKey, requestHash).catch(async (err: unknown) => {
        await releaseAllBut(services, locks, req, bookingId)
        throw err
      })
      if (earlier) return { bookingId: earlier, booking: null }
    }
    await release()
    throw refusal(outcome, req.seatIds, config.maxHeldSeatsPerUser)
  }
  // Both after the commit, neither waiting for the other.
  await Promise.all([
    safely(services, 'publishing the hold', () => afterSeatChange(services, outcome.event)),
    safely(services, 'scheduling expiry', () => services.queues.scheduleExpiry(bookingId, config.seatLockExpiryMs)),
  ])
  return { bookingId, booking: outcome.booking }
}

/** The seat locks and the rate limit together; over the limit, locks just taken are let go. */
async function bothOrUndo(acquiring: Promise<string[]>, limiting: Promise<void>, release: () => Promise<unknown>): Promise<string[]> {
  const [acquired, limited] = await Promise.allSettled([acquiring, limiting])
  if (limited.status === 'rejected') {
    if (acquired.status === 'fulfilled' && !acquired.value.length) await release()
    throw limited.reason
  }
  if (acquired.status === 'rejected') throw acquired.reason
  return acquired.value
}

/** Releases the seats this request locked that the booking `bookingId` (same token) does not hold. */
async function releaseAllBut(services: Services, locks: SeatLocks, req: HoldRequest, bookingId: string) {
  const kept = await services.prisma.bookingSeat.findMany({ where: { bookingId }, select: { seatId: true } })
  const keep = new Set(kept.map((s) => s.seatId))
  await locks.release(req.showId, req.seatIds.filter((id) => !keep.has(id)), bookingId)
}

type Preconditions = Omit<HoldFacts, 'taken'>

const inRequestOrder = (seatIds: string[], ...lists: string[][]) => {
  const taken = new Set(lists.flat())
  return seatIds.filter((id) => taken.has(id))
}

/** The first precondition the contract's order says fails, if any. */
function preconditionError(f: Preconditions, seats: number, cap: number): DomainError | null {
  if (!f.showExists) return new DomainError('SHOW_NOT_FOUND', 'No such show.')
  if (f.known !== seats) return new DomainError('SEAT_NOT_FOUND', 'A seat is not a seat of this show.')
  if (f.started) return new DomainError('SHOW_STARTED', 'The show has already started.')
  if (f.held + seats > cap) {
    return new DomainError('TOO_MANY_SEATS', `You can hold at most ${cap} seats of a show at a time; pay for or cancel a booking first.`)
  }
  return null
}

/** Why PostgreSQL refused the hold, as the contract's error. */
function refusal(outcome: Exclude<HoldResult, { ok: true }>, seatIds: string[], cap: number): unknown {
  if ('error' in outcome) {
    if (isSerializationFailure(outcome.error)) return new SeatsUnavailableError(seatIds)
    // A valid token of an account deleted since: the contract's answer for a token that names nobody.
    if (violates(outcome.error, 'bookings_user_id_fkey') || violates(outcome.error, 'payments_user_id_fkey')) {
      return new GraphQLError('Your account no longer exists; log in again.', { extensions: { code: 'UNAUTHENTICATED' } })
    }
    return outcome.error
  }
  return preconditionError(outcome, seatIds.length, cap) ?? new SeatsUnavailableError(outcome.taken)
}

// The preconditions and PostgreSQL's taken seats, for a request Redis refused (the hold statement
// checks them itself). Taken as the hold statement sees it: sold, or locked and not yet lapsed.
async function checkPreconditions(services: Services, req: HoldRequest): Promise<HoldFacts> {
  const [row] = await services.prisma.$queryRaw<HoldFacts[]>`
    SELECT sh.id IS NOT NULL AS "showExists", coalesce(sh.start_time <= now(), false) AS started,
           (SELECT count(*)::int FROM seats WHERE id = ANY(${req.seatIds}::uuid[]) AND show_id = ${req.showId}::uuid) AS known,
           ARRAY(SELECT id::text FROM seats WHERE id = ANY(${req.seatIds}::uuid[]) AND show_id = ${req.showId}::uuid
                    AND (status = 'BOOKED' OR (status = 'LOCKED' AND lock_expires_at >= now()))) AS taken,
           (SELECT count(*)::int FROM bookings b JOIN seats s ON s.booking_id = b.id
             WHERE b.user_id = ${req.userId}::uuid AND b.show_id = ${req.showId}::uuid AND b.status = 'PENDING_PAYMENT'
               AND s.status = 'LOCKED' AND s.lock_expires_at > now()) AS held
      FROM (SELECT 1) one LEFT JOIN shows sh ON sh.id = ${req.showId}::uuid`
  return row!
}

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

const violates = (err: unknown, constraint: string) =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23503' && (err as { constraint?: unknown }).constraint === constraint

function isSerializationFailure(err: unknown): boolean {
  const text = err instanceof Prisma.PrismaClientKnownRequestError ? JSON.stringify(err.meta) + err.message : String(err)
  return /40P01|40001|deadlock|could not serialize/i.test(text)
}
