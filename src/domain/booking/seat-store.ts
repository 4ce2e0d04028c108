import { sql, type Sql } from '../../db/sql.ts'
import { Prisma } from '../../generated/prisma/client.ts'
import type { SeatChangeFact, SeatChangeReason, SeatMapEventFact } from '../../pubsub/topics.ts'

/**
 * Every write of seat status goes through here. Each update is guarded in its WHERE clause (never
 * read-then-write) and locks its rows in id order, so two transactions over overlapping seat sets
 * cannot deadlock. Callers compare the returned rows with what they asked for and roll back.
 */
export type Tx = Prisma.TransactionClient

interface SeatRow {
  id: string
  seat_number: string
}

// One collator: localeCompare with options builds a new one per comparison (~0.1 ms each here).
const bySeatNumber = new Intl.Collator('en', { numeric: true }).compare

const facts = (rows: SeatRow[], status: SeatChangeFact['status']): SeatChangeFact[] =>
  rows
    .map((r) => ({ seatId: r.id, seatNumber: r.seat_number, status }))
    .sort((a, b) => bySeatNumber(a.seatNumber, b.seatNumber))

/**
 * LOCKs the seats for `bookingId` where they are free or their lock has lapsed. `wasAvailable`
 * counts the seats that were AVAILABLE: a lapsed lock taken over was never counted as available.
 */
export async function lockFreeSeats(tx: Tx, showId: string, seatIds: string[], bookingId: string, lockMs: number) {
  const rows = await tx.$queryRaw<(SeatRow & { was: string })[]>`
    WITH target AS (
      SELECT id, status FROM seats WHERE id = ANY(${seatIds}::uuid[]) AND show_id = ${showId}::uuid ORDER BY id FOR UPDATE
    )
    UPDATE seats s
       SET status = 'LOCKED', booking_id = ${bookingId}::uuid,
           lock_expires_at = now() + ${lockMs} * interval '1 millisecond'
      FROM target
     WHERE s.id = target.id
       AND (s.status = 'AVAILABLE' OR (s.status = 'LOCKED' AND s.lock_expires_at < now()))
    RETURNING s.id, s.seat_number, target.status::text AS was`
  return { seats: facts(rows, 'LOCKED'), wasAvailable: rows.filter((r) => r.was === 'AVAILABLE').length }
}

/** Frees the seats this booking holds in `fromStatus` (LOCKED for holds, BOOKED for refunds). */
export async function freeSeats(tx: Tx, bookingId: string, fromStatus: 'LOCKED' | 'BOOKED') {
  const rows = await tx.$queryRaw<SeatRow[]>`
    WITH target AS (SELECT id FROM seats WHERE booking_id = ${bookingId}::uuid ORDER BY id FOR UPDATE)
    UPDATE seats s SET status = 'AVAILABLE', booking_id = NULL, lock_expires_at = NULL
      FROM target
     WHERE s.id = target.id AND s.booking_id = ${bookingId}::uuid AND s.status = ${fromStatus}::"SeatStatus"
    RETURNING s.id, s.seat_number`
  return facts(rows, 'AVAILABLE')
}

/**
 * Records one seat-map change: bumps the show's version (the show row lock serialises versions,
 * so v+1 commits only after v), moves availableSeats by `availableDelta` and appends the log row.
 */
export async function recordChange(
  tx: Tx,
  showId: string,
  reason: SeatChangeReason,
  seats: SeatChangeFact[],
  availableDelta = seats.filter((s) => s.status === 'AVAILABLE').length,
): Promise<SeatMapEventFact> {
  const [row] = await tx.$queryRaw<{ version: number; created_at: Date }[]>`
    WITH v AS (
      UPDATE shows SET seat_map_version = seat_map_version + 1, available_seats = available_seats + ${availableDelta}
       WHERE id = ${showId}::uuid RETURNING seat_map_version
    )
    INSERT INTO seat_map_changes (show_id, version, reason, seats)
    SELECT ${showId}::uuid, seat_map_version, ${reason}::"SeatChangeReason", ${JSON.stringify(seats)}::jsonb FROM v
    RETURNING version, created_at`
  if (!row) throw new Error(`show ${showId} vanished while recording a seat change`)
  return { showId, version: row.version, reason, seats, at: row.created_at.toISOString() }
}

export interface PaidSale {
  paymentId: string
  bookingId: string
  chargeId: string
  bookingCode: string
  /** The seats the booking asked for (its booking_seats): all of them are sold, or none. */
  seats: { id: string; seat_number: string }[]
}

/**
 * Sells a paid booking in one statement, so the worker pays one round trip and no interactive
 * transaction for it. The booking and payment rows are locked first, then the seats in id order,
 * then the show, as every other transition does. Only when the booking still awaits this payment
 * and every one of its seats is still LOCKED by it do the seats become BOOKED, the booking
 * CONFIRMED, the payment SUCCEEDED and the change get its version and log row; otherwise nothing
 * is written. `payable` false: the booking or payment moved on. `event` null while payable: a
 * seat is no longer the booking's.
 */
export async function sellPaidBooking(db: Sql, sale: PaidSale): Promise<{ payable: boolean; event: SeatMapEventFact | null }> {
  const seats = facts(sale.seats, 'BOOKED')
  const [row] = await db.rows<{ payable: boolean; show_id: string | null; version: number | null; created_at: Date | null }>(sql`
    WITH booking AS MATERIALIZED (
      SELECT b.id, b.show_id FROM bookings b, payments p
       WHERE b.id = ${sale.bookingId}::uuid AND b.status = 'PENDING_PAYMENT'
         AND p.id = ${sale.paymentId}::uuid AND p.booking_id = b.id AND p.status = 'PROCESSING'
         FOR UPDATE
    ), held AS MATERIALIZED (
      SELECT s.id FROM seats s JOIN booking ON s.booking_id = booking.id
       WHERE s.id = ANY(${sale.seats.map((s) => s.id)}::uuid[]) AND s.status = 'LOCKED'
       ORDER BY s.id FOR UPDATE OF s
    ), whole AS MATERIALIZED (
      SELECT id, show_id FROM booking WHERE (SELECT count(*) FROM held) = ${sale.seats.length}
    ), sold AS (
      UPDATE seats s SET status = 'BOOKED', lock_expires_at = NULL
        FROM held, whole WHERE s.id = held.id AND s.booking_id = whole.id AND s.status = 'LOCKED'
    ), confirmed AS (
      UPDATE bookings b SET status = 'CONFIRMED', booking_code = ${sale.bookingCode}, updated_at = now()
        FROM whole WHERE b.id = whole.id
    ), paid AS (
      UPDATE payments p SET status = 'SUCCEEDED', gateway_charge_id = ${sale.chargeId}, updated_at = now()
        FROM whole WHERE p.id = ${sale.paymentId}::uuid AND p.booking_id = whole.id AND p.status = 'PROCESSING'
    ), v AS (
      UPDATE shows s SET seat_map_version = seat_map_version + 1 FROM whole WHERE s.id = whole.show_id
      RETURNING s.id, s.seat_map_version
    ), logged AS (
      INSERT INTO seat_map_changes (show_id, version, reason, seats)
      SELECT id, seat_map_version, 'BOOKED', ${JSON.stringify(seats)}::jsonb FROM v
      RETURNING show_id, version, created_at
    )
    SELECT EXISTS (SELECT 1 FROM booking) AS payable, logged.show_id, logged.version, logged.created_at
      FROM (SELECT 1) AS one LEFT JOIN logged ON true`)
  if (!row?.payable) return { payable: false, event: null }
  if (!row.show_id || row.version === null || !row.created_at) return { payable: true, event: null }
  return { payable: true, event: { showId: row.show_id, version: row.version, reason: 'BOOKED', seats, at: row.created_at.toISOString() } }
}
