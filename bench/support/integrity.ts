import type { BenchStack } from './stack.ts'
import { withDb } from './seed.ts'

/**
 * Double-booking violations, counted from the database after a run:
 * - a seat listed by two live bookings (PENDING_PAYMENT or CONFIRMED) at once;
 * - a live booking one of whose seats is not held by it (LOCKED while pending, BOOKED once
 *   confirmed) — its customer would believe in a seat somebody else can take.
 */
export async function countDoubleBookings(stack: BenchStack): Promise<{ sharedSeats: number; unheldBookings: number }> {
  return withDb(stack, async (db) => {
    const { rows: [shared] } = await db.query<{ n: number }>(`
      SELECT count(*)::int AS n FROM (
        SELECT bs.seat_id FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
         WHERE b.status IN ('PENDING_PAYMENT', 'CONFIRMED')
         GROUP BY bs.seat_id HAVING count(*) > 1) x`)
    const { rows: [unheld] } = await db.query<{ n: number }>(`
      SELECT count(DISTINCT b.id)::int AS n
        FROM bookings b JOIN booking_seats bs ON bs.booking_id = b.id JOIN seats s ON s.id = bs.seat_id
       WHERE b.status IN ('PENDING_PAYMENT', 'CONFIRMED')
         AND (s.booking_id IS DISTINCT FROM b.id
              OR s.status <> (CASE b.status WHEN 'CONFIRMED' THEN 'BOOKED' ELSE 'LOCKED' END)::"SeatStatus")`)
    return { sharedSeats: shared!.n, unheldBookings: unheld!.n }
  })
}

/**
 * Waits until the database stops changing (bookings and seat-map versions stable over two
 * polls): requests a load generator gave up on may still be committing in the server.
 */
export async function waitForQuiet(stack: BenchStack, timeoutMs = 15_000): Promise<void> {
  await withDb(stack, async (db) => {
    const deadline = Date.now() + timeoutMs
    let last = ''
    let stableFor = 0
    while (Date.now() < deadline && stableFor < 2) {
      const { rows: [r] } = await db.query(
        `SELECT (SELECT count(*) FROM bookings) AS b, (SELECT coalesce(sum(seat_map_version), 0) FROM shows) AS v,
                (SELECT count(*) FROM payments WHERE status = 'PROCESSING') AS p`,
      )
      const now = JSON.stringify(r)
      stableFor = now === last ? stableFor + 1 : 0
      last = now
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  })
}
