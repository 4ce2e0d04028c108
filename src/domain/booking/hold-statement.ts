import { sql, type Sql } from '../../db/sql.ts'
import type { SeatChangeFact, SeatMapEventFact } from '../../pubsub/topics.ts'

/** The booking row a hold inserts, every scalar column, named as Prisma names them. */
export interface HeldBooking {
  id: string
  userId: string
  showId: string
  status: 'PENDING_PAYMENT'
  bookingCode: null
  totalAmount: number
  currency: string
  idempotencyKey: string | null
  requestHash: string | null
  expiresAt: Date
  createdAt: Date
  updatedAt: Date
}

export interface HoldWrite {
  bookingId: string
  userId: string
  showId: string
  seatIds: string[]
  idempotencyKey: string | null
  requestHash: string
  paymentId: string
  orderId: string
  lockMs: number
  paymentMs: number
  /** The most unpaid seats of one show the user may hold at once. */
  heldSeatsCap: number
}

/** What the preconditions found, for the contract's error precedence. */
export interface HoldFacts {
  showExists: boolean
  started: boolean
  /** Requested seats that are seats of this show. */
  known: number
  /** Seats of this show the user holds unpaid already. */
  held: number
  /** Requested seats somebody holds or bought. */
  taken: string[]
}

export type HoldOutcome = { ok: true; booking: HeldBooking; event: SeatMapEventFact } | ({ ok: false } & HoldFacts)

interface Row {
  show_exists: boolean
  started: boolean | null
  known: number
  held: number
  taken: string[] | null
  booking: (Omit<HeldBooking, 'expiresAt' | 'createdAt' | 'updatedAt'> & Record<'expiresAt' | 'createdAt' | 'updatedAt', string>) | null
  version: number | null
  at: Date | null
  seats: SeatChangeFact[] | null
}

/**
 * The whole hold in one statement, so one round trip and no BEGIN/COMMIT: lock the seats in id
 * order, and only when the show exists and has not started, every seat is a seat of it and free
 * (or its lock lapsed), and the user stays within the cap,
 * insert booking, booking seats and payment, LOCK the seats with the guard in the UPDATE itself,
 * bump the seat-map version (the show row lock orders versions), move availableSeats by the seats
 * that were AVAILABLE and append the change-log row. Should the guarded update ever lock fewer
 * seats than asked, the failing cast aborts the statement, so nothing partial commits.
 */
export async function writeHold(db: Sql, w: HoldWrite): Promise<HoldOutcome> {
  const n = w.seatIds.length
  const [row] = await db.rows<Row>(sql`
    WITH sh AS (
      SELECT price_amount, currency, start_time <= now() AS started FROM shows WHERE id = ${w.showId}::uuid
    ), held AS (
      SELECT count(*)::int AS n FROM bookings b JOIN seats s ON s.booking_id = b.id
       WHERE b.user_id = ${w.userId}::uuid AND b.show_id = ${w.showId}::uuid AND b.status = 'PENDING_PAYMENT'
         AND s.status = 'LOCKED' AND s.lock_expires_at > now()
    ), target AS (
      SELECT id, seat_number, "row", number, status,
             (status = 'AVAILABLE' OR (status = 'LOCKED' AND lock_expires_at < now())) AS free
        FROM seats WHERE id = ANY(${w.seatIds}::uuid[]) AND show_id = ${w.showId}::uuid ORDER BY id FOR UPDATE
    ), verdict AS (
      SELECT count(*) FILTER (WHERE free) = ${n} AND EXISTS (SELECT 1 FROM sh WHERE NOT started)
             AND (SELECT n FROM held) + ${n} <= ${w.heldSeatsCap} AS ok
        FROM target
    ), b AS (
      INSERT INTO bookings (id, user_id, show_id, status, total_amount, currency, idempotency_key, request_hash, expires_at, updated_at)
      SELECT ${w.bookingId}::uuid, ${w.userId}::uuid, ${w.showId}::uuid, 'PENDING_PAYMENT', sh.price_amount * ${n}, sh.currency,
             ${w.idempotencyKey}, ${w.requestHash}, now() + ${w.lockMs} * interval '1 millisecond', now()
        FROM sh, verdict WHERE verdict.ok
      RETURNING *
    ), bs AS (
      INSERT INTO booking_seats (booking_id, seat_id) SELECT b.id, unnest(${w.seatIds}::uuid[]) FROM b
    ), pay AS (
      INSERT INTO payments (id, user_id, booking_id, order_id, amount, currency, status, expires_at, updated_at)
      SELECT ${w.paymentId}::uuid, b.user_id, b.id, ${w.orderId}, b.total_amount, b.currency,
             'PENDING', now() + ${w.paymentMs} * interval '1 millisecond', now()
        FROM b
    ), locked AS (
      UPDATE seats s SET status = 'LOCKED', booking_id = ${w.bookingId}::uuid,
                         lock_expires_at = now() + ${w.lockMs} * interval '1 millisecond'
        FROM target, verdict
       WHERE verdict.ok AND s.id = target.id
         AND (s.status = 'AVAILABLE' OR (s.status = 'LOCKED' AND s.lock_expires_at < now()))
      RETURNING s.id, target.seat_number, target."row", target.number, target.status AS was
    ), v AS (
      UPDATE shows SET seat_map_version = seat_map_version + 1,
                       available_seats = available_seats - (SELECT count(*) FROM locked WHERE was = 'AVAILABLE')::int
       WHERE id = ${w.showId}::uuid AND (SELECT ok FROM verdict)
      RETURNING seat_map_version
    ), log AS (
      INSERT INTO seat_map_changes (show_id, version, reason, seats)
      SELECT ${w.showId}::uuid, v.seat_map_version, 'LOCKED',
             (SELECT jsonb_agg(jsonb_build_object('seatId', id, 'seatNumber', seat_number, 'status', 'LOCKED')
                               ORDER BY "row", number, seat_number) FROM locked)
        FROM v
      RETURNING version, created_at, seats
    )
    SELECT EXISTS (SELECT 1 FROM sh) AS show_exists, (SELECT started FROM sh) AS started,
           (SELECT count(*)::int FROM target) AS known, (SELECT n FROM held) AS held,
           (SELECT array_agg(id::text ORDER BY id) FROM target WHERE NOT free) AS taken,
           (SELECT to_jsonb(x) FROM (SELECT id, user_id AS "userId", show_id AS "showId", status, booking_code AS "bookingCode",
                   total_amount AS "totalAmount", currency, idempotency_key AS "idempotencyKey", request_hash AS "requestHash",
                   expires_at AS "expiresAt", created_at AS "createdAt", updated_at AS "updatedAt" FROM b) x) AS booking,
           log.version, log.created_at AS at, log.seats,
           CASE WHEN (SELECT ok FROM verdict) AND (SELECT count(*) FROM locked) <> ${n}
                THEN ('hold of ' || ${w.bookingId} || ' locked ' || (SELECT count(*) FROM locked) || ' seats, not ' || ${n})::int END AS guard
      FROM (SELECT 1) one LEFT JOIN log ON true`)
  if (!row) throw new Error('the hold statement answered no row')
  if (!row.booking || row.version == null) {
    return { ok: false, showExists: row.show_exists, started: !!row.started, known: row.known, held: row.held, taken: row.taken ?? [] }
  }
  const b = row.booking
  const booking: HeldBooking = { ...b, expiresAt: new Date(b.expiresAt), createdAt: new Date(b.createdAt), updatedAt: new Date(b.updatedAt) }
  return { ok: true, booking, event: { showId: w.showId, version: row.version, reason: 'LOCKED', seats: row.seats ?? [], at: row.at!.toISOString() } }
}
