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
}

/** A batch's terms, from config. */
export interface HoldTerms {
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
  booking_id: string
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
 * Holds, any number in one statement and one commit (see hold-batches.ts), each hold standing
 * alone: lock every asked-for seat in id order, and only for a hold whose show exists and has not
 * started, whose seats are all seats of it and free (or their lock lapsed), and whose user stays
 * within the cap, insert booking, booking seats and payment and LOCK the seats with the guard in
 * the UPDATE itself. Each hold is still one change of its show, with a version and a change-log row
 * of its own (the contract's "one committed operation, one version"): a show with k holds moves k
 * versions and availableSeats by the seats that were AVAILABLE. Shows are locked in id order after
 * the seats, as every transition locks them. Should a guarded update ever lock fewer seats than its
 * hold asked, the failing cast aborts the statement, so nothing partial commits.
 * The caller keeps a batch's booking ids, (user, show) pairs and seats distinct: the cap and the
 * guards read the state before the statement.
 */
export async function writeHolds(db: Sql, holds: HoldWrite[], terms: HoldTerms): Promise<HoldOutcome[]> {
  const wanted = holds.flatMap((h) => h.seatIds.map((seatId) => [h.bookingId, seatId] as const))
  const rows = await db.rows<Row>(sql`
    WITH input AS (
      SELECT * FROM unnest(${holds.map((h) => h.bookingId)}::uuid[], ${holds.map((h) => h.userId)}::uuid[],
                           ${holds.map((h) => h.showId)}::uuid[], ${holds.map((h) => h.seatIds.length)}::int[],
                           ${holds.map((h) => h.idempotencyKey)}::text[], ${holds.map((h) => h.requestHash)}::text[],
                           ${holds.map((h) => h.paymentId)}::uuid[], ${holds.map((h) => h.orderId)}::text[])
        AS i(booking_id, user_id, show_id, seat_count, idempotency_key, request_hash, payment_id, order_id)
    ), wanted AS (
      SELECT * FROM unnest(${wanted.map((w) => w[0])}::uuid[], ${wanted.map((w) => w[1])}::uuid[]) AS w(booking_id, seat_id)
    ), target AS MATERIALIZED (
      SELECT w.booking_id, s.id, s.show_id, s.seat_number, s."row", s.number, s.status,
             (s.status = 'AVAILABLE' OR (s.status = 'LOCKED' AND s.lock_expires_at < now())) AS free
        FROM wanted w JOIN input i ON i.booking_id = w.booking_id JOIN seats s ON s.id = w.seat_id AND s.show_id = i.show_id
       ORDER BY s.id FOR UPDATE OF s
    ), verdict AS MATERIALIZED (
      -- Lookups per hold, correlated so that each is an index probe whatever the statistics say:
      -- bookings grows fast, and a plan made while it was small would scan every pending booking.
      SELECT i.*, sh.id IS NOT NULL AS show_exists, sh.start_time <= now() AS started, sh.price_amount, sh.currency,
             held.n AS held, t.known, t.taken
        FROM input i
        LEFT JOIN LATERAL (SELECT id, start_time, price_amount, currency FROM shows WHERE id = i.show_id OFFSET 0) sh ON true
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS n FROM bookings b JOIN seats s ON s.booking_id = b.id
           WHERE b.user_id = i.user_id AND b.show_id = i.show_id AND b.status = 'PENDING_PAYMENT'
             AND s.status = 'LOCKED' AND s.lock_expires_at > now()
        ) held
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS known, array_agg(id::text ORDER BY id) FILTER (WHERE NOT free) AS taken
            FROM target WHERE target.booking_id = i.booking_id
        ) t
    ), ok AS MATERIALIZED (
      SELECT * FROM verdict
       WHERE show_exists AND NOT started AND known = seat_count AND taken IS NULL AND held + seat_count <= ${terms.heldSeatsCap}
    ), b AS (
      INSERT INTO bookings (id, user_id, show_id, status, total_amount, currency, idempotency_key, request_hash, expires_at, updated_at)
      SELECT booking_id, user_id, show_id, 'PENDING_PAYMENT', price_amount * seat_count, currency,
             idempotency_key, request_hash, now() + ${terms.lockMs} * interval '1 millisecond', now()
        FROM ok
      RETURNING *
    ), bs AS (
      INSERT INTO booking_seats (booking_id, seat_id) SELECT w.booking_id, w.seat_id FROM wanted w JOIN ok USING (booking_id)
    ), pay AS (
      INSERT INTO payments (id, user_id, booking_id, order_id, amount, currency, status, expires_at, updated_at)
      SELECT payment_id, user_id, booking_id, order_id, price_amount * seat_count, currency,
             'PENDING', now() + ${terms.paymentMs} * interval '1 millisecond', now()
        FROM ok
    ), locked AS (
      UPDATE seats s SET status = 'LOCKED', booking_id = t.booking_id,
                         lock_expires_at = now() + ${terms.lockMs} * interval '1 millisecond'
        FROM target t JOIN ok USING (booking_id)
       WHERE s.id = t.id AND (s.status = 'AVAILABLE' OR (s.status = 'LOCKED' AND s.lock_expires_at < now()))
      RETURNING s.id, s.show_id, t.booking_id, t.seat_number, t."row", t.number, t.status AS was
    ), show_rows AS MATERIALIZED (
      SELECT id FROM shows WHERE id IN (SELECT show_id FROM ok) ORDER BY id FOR UPDATE
    ), v AS (
      UPDATE shows s SET seat_map_version = s.seat_map_version + (SELECT count(*) FROM ok WHERE ok.show_id = s.id)::int,
                         available_seats = s.available_seats - (SELECT count(*) FROM locked l WHERE l.show_id = s.id AND l.was = 'AVAILABLE')::int
        FROM show_rows WHERE s.id = show_rows.id
      RETURNING s.id, s.seat_map_version AS last
    ), numbered AS (
      SELECT ok.booking_id, ok.show_id,
             v.last - count(*) OVER (PARTITION BY ok.show_id) + row_number() OVER (PARTITION BY ok.show_id ORDER BY ok.booking_id) AS version
        FROM ok JOIN v ON v.id = ok.show_id
    ), log AS (
      INSERT INTO seat_map_changes (show_id, version, reason, seats)
      SELECT n.show_id, n.version, 'LOCKED',
             (SELECT jsonb_agg(jsonb_build_object('seatId', l.id, 'seatNumber', l.seat_number, 'status', 'LOCKED')
                               ORDER BY l."row", l.number, l.seat_number) FROM locked l WHERE l.booking_id = n.booking_id)
        FROM numbered n
      RETURNING show_id, version, created_at, seats
    )
    SELECT verdict.booking_id, verdict.show_exists, verdict.started, verdict.known, verdict.held, verdict.taken,
           to_jsonb(x) AS booking, log.version, log.created_at AS at, log.seats,
           CASE WHEN x.id IS NOT NULL AND coalesce(lc.n, 0) <> verdict.seat_count
                THEN ('hold of ' || x.id || ' locked ' || coalesce(lc.n, 0) || ' seats, not ' || verdict.seat_count)::int END AS guard
      FROM verdict
      LEFT JOIN (SELECT id, user_id AS "userId", show_id AS "showId", status, booking_code AS "bookingCode",
                        total_amount AS "totalAmount", currency, idempotency_key AS "idempotencyKey", request_hash AS "requestHash",
                        expires_at AS "expiresAt", created_at AS "createdAt", updated_at AS "updatedAt" FROM b) x ON x.id = verdict.booking_id
      LEFT JOIN (SELECT booking_id, count(*) AS n FROM locked GROUP BY booking_id) lc ON lc.booking_id = x.id
      LEFT JOIN numbered ON numbered.booking_id = x.id
      LEFT JOIN log ON log.show_id = numbered.show_id AND log.version = numbered.version`)
  const byBooking = new Map(rows.map((r) => [r.booking_id, r]))
  return holds.map((h): HoldOutcome => {
    const row = byBooking.get(h.bookingId)
    if (!row) throw new Error(`the hold statement answered no row for ${h.bookingId}`)
    if (!row.booking || row.version == null) {
      return { ok: false, showExists: row.show_exists, started: !!row.started, known: row.known, held: row.held, taken: row.taken ?? [] }
    }
    const b = row.booking
    const booking: HeldBooking = { ...b, expiresAt: new Date(b.expiresAt), createdAt: new Date(b.createdAt), updatedAt: new Date(b.updatedAt) }
    return { ok: true, booking, event: { showId: h.showId, version: row.version, reason: 'LOCKED', seats: row.seats ?? [], at: row.at!.toISOString() } }
  })
}
