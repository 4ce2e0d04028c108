import { sql, type Sql } from '../../db/sql.ts'
import type { SeatChangeFact, SeatMapEventFact } from '../../pubsub/topics.ts'

export interface PaidSale {
  paymentId: string
  bookingId: string
  chargeId: string
  bookingCode: string
  /** The seats the booking asked for (its booking_seats): all of them are sold, or none. */
  seats: { id: string; seat_number: string }[]
}

/** `payable` false: the booking or payment moved on. `event` null while payable: a seat is no longer the booking's. */
export interface SaleOutcome {
  payable: boolean
  event: SeatMapEventFact | null
}

interface SaleRow {
  payment_id: string
  payable: boolean
  show_id: string | null
  version: number | null
  created_at: Date | null
  seats: SeatChangeFact[] | null
}

/**
 * Sells paid bookings, any number in one statement and one commit (see batched). Each booking
 * stands alone: only when it still awaits its payment and every one of its seats is still LOCKED
 * by it do its seats become BOOKED, the booking CONFIRMED and the payment SUCCEEDED; a booking
 * that fails its guard changes nothing. Each sale is still one change of its show, with a version
 * and a log row of its own (a show with k sales moves k versions). Locks are taken as every
 * transition takes them: bookings and payments, then seats in id order, then shows in id order.
 * Payment ids must be distinct.
 */
export async function sellPaidBookings(db: Sql, sales: PaidSale[]): Promise<SaleOutcome[]> {
  const wanted = sales.flatMap((sale) => sale.seats.map((seat) => [sale.bookingId, seat.id] as const))
  const rows = await db.rows<SaleRow>(sql`
    WITH input AS (
      SELECT * FROM unnest(${sales.map((s) => s.paymentId)}::uuid[], ${sales.map((s) => s.bookingId)}::uuid[],
                           ${sales.map((s) => s.chargeId)}::text[], ${sales.map((s) => s.bookingCode)}::text[],
                           ${sales.map((s) => s.seats.length)}::int[])
        AS i(payment_id, booking_id, charge_id, booking_code, seat_count)
    ), wanted AS (
      SELECT * FROM unnest(${wanted.map((w) => w[0])}::uuid[], ${wanted.map((w) => w[1])}::uuid[]) AS w(booking_id, seat_id)
    ), booking AS MATERIALIZED (
      SELECT b.id, b.show_id, i.payment_id, i.charge_id, i.booking_code, i.seat_count
        FROM input i
        JOIN bookings b ON b.id = i.booking_id AND b.status = 'PENDING_PAYMENT'
        JOIN payments p ON p.id = i.payment_id AND p.booking_id = b.id AND p.status = 'PROCESSING'
       ORDER BY b.id
         FOR UPDATE OF b, p
    ), held AS MATERIALIZED (
      SELECT s.id, s.booking_id, s.seat_number, s."row", s.number
        FROM wanted w
        JOIN booking ON booking.id = w.booking_id
        JOIN seats s ON s.id = w.seat_id AND s.booking_id = booking.id AND s.status = 'LOCKED'
       ORDER BY s.id
         FOR UPDATE OF s
    ), whole AS MATERIALIZED (
      SELECT booking.* FROM booking WHERE (SELECT count(*) FROM held WHERE held.booking_id = booking.id) = booking.seat_count
    ), sold AS (
      UPDATE seats s SET status = 'BOOKED', lock_expires_at = NULL
        FROM held JOIN whole ON whole.id = held.booking_id
       WHERE s.id = held.id AND s.booking_id = whole.id AND s.status = 'LOCKED'
    ), confirmed AS (
      UPDATE bookings b SET status = 'CONFIRMED', booking_code = whole.booking_code, updated_at = now()
        FROM whole WHERE b.id = whole.id
    ), paid AS (
      UPDATE payments p SET status = 'SUCCEEDED', gateway_charge_id = whole.charge_id, updated_at = now()
        FROM whole WHERE p.id = whole.payment_id AND p.status = 'PROCESSING'
    ), show_rows AS MATERIALIZED (
      SELECT id FROM shows WHERE id IN (SELECT show_id FROM whole) ORDER BY id FOR UPDATE
    ), v AS (
      UPDATE shows s SET seat_map_version = s.seat_map_version + (SELECT count(*) FROM whole WHERE whole.show_id = s.id)::int
        FROM show_rows WHERE s.id = show_rows.id
      RETURNING s.id, s.seat_map_version AS last
    ), numbered AS (
      SELECT whole.id, whole.show_id,
             v.last - count(*) OVER (PARTITION BY whole.show_id) + row_number() OVER (PARTITION BY whole.show_id ORDER BY whole.id) AS version
        FROM whole JOIN v ON v.id = whole.show_id
    ), logged AS (
      INSERT INTO seat_map_changes (show_id, version, reason, seats)
      SELECT n.show_id, n.version, 'BOOKED',
             (SELECT jsonb_agg(jsonb_build_object('seatId', h.id, 'seatNumber', h.seat_number, 'status', 'BOOKED')
                               ORDER BY h."row", h.number, h.seat_number)
                FROM held h WHERE h.booking_id = n.id)
        FROM numbered n
      RETURNING show_id, version, created_at, seats
    )
    SELECT i.payment_id, booking.id IS NOT NULL AS payable, logged.show_id, logged.version, logged.created_at, logged.seats
      FROM input i
      LEFT JOIN booking ON booking.payment_id = i.payment_id
      LEFT JOIN whole ON whole.payment_id = i.payment_id
      LEFT JOIN numbered ON numbered.id = whole.id
      LEFT JOIN logged ON logged.show_id = numbered.show_id AND logged.version = numbered.version`)
  const byPayment = new Map(rows.map((r) => [r.payment_id, r]))
  return sales.map((sale) => {
    const r = byPayment.get(sale.paymentId)
    if (!r?.payable) return { payable: false, event: null }
    if (!r.show_id || r.version === null || !r.created_at) return { payable: true, event: null }
    return { payable: true, event: { showId: r.show_id, version: r.version, reason: 'BOOKED', seats: r.seats ?? [], at: r.created_at.toISOString() } }
  })
}
