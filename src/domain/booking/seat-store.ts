import { Prisma } from '../../generated/prisma/client.ts'
import type { SeatChangeFact, SeatChangeReason, SeatMapEventFact } from '../../pubsub/topics.ts'

/**
 * Seat writes of the transitions that run in a transaction of several statements (release,
 * expiry, cancel). Holds and sales are one statement per batch (hold-statement.ts,
 * sale-statement.ts). All are guarded the same way: the WHERE clause, never read-then-write, and
 * rows locked in id order, so transactions over overlapping seat sets cannot deadlock.
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
