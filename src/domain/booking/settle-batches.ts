/**
 * The payment worker's concurrent jobs read their payments and sell their bookings together (see
 * batched): one statement, and for the sale one commit, for every payment that reached the step in
 * the same turn of the event loop.
 */
import { batched } from '../../db/batch.ts'
import { sql } from '../../db/sql.ts'
import type { Services } from '../../services.ts'
import { sellPaidBookings, type PaidSale, type SaleOutcome } from './sale-statement.ts'

/** What the payment job needs to charge and settle a payment, read with the others of its batch. */
export interface PaymentToSettle {
  id: string
  bookingId: string
  showId: string
  status: string
  /** The booking's status as the payment was read: anything but PENDING_PAYMENT is not to be charged. */
  bookingStatus: string
  amount: number
  currency: string
  token: string
  /** Its window is still open by the database clock. */
  live: boolean
  seats: { id: string; seat_number: string }[]
}

type PaymentRow = Omit<PaymentToSettle, 'seats' | 'bookingId' | 'showId' | 'token' | 'bookingStatus'> & {
  booking_id: string
  booking_status: string
  show_id: string
  payment_token: string | null
  seat_ids: string[]
  seat_numbers: string[]
}

/** Reads payments to settle, any number in one statement; null for an id that is not there. */
async function readPayments(services: Services, paymentIds: string[]): Promise<(PaymentToSettle | null)[]> {
  const rows = await services.sql.rows<PaymentRow>(sql`
    SELECT p.id, p.booking_id, b.show_id, p.status::text, b.status::text AS booking_status, p.amount, p.currency, p.payment_token,
           p.expires_at > now() AS live, array_agg(s.id ORDER BY s.id) AS seat_ids, array_agg(s.seat_number ORDER BY s.id) AS seat_numbers
      FROM payments p
      JOIN bookings b ON b.id = p.booking_id
      JOIN booking_seats bs ON bs.booking_id = b.id
      JOIN seats s ON s.id = bs.seat_id
     WHERE p.id = ANY(${paymentIds}::uuid[])
     GROUP BY p.id, b.id`)
  const byId = new Map(rows.map((row) => [row.id, row]))
  return paymentIds.map((id) => {
    const row = byId.get(id)
    if (!row) return null
    const { booking_id, booking_status, show_id, payment_token, seat_ids, seat_numbers, ...rest } = row
    const seats = seat_ids.map((seatId, i) => ({ id: seatId, seat_number: seat_numbers[i]! }))
    return { ...rest, bookingId: booking_id, bookingStatus: booking_status, showId: show_id, token: payment_token ?? '', seats }
  })
}

/** Sells in batches whose payment ids are distinct: a repeated id waits for the next round. */
async function sellDistinct(services: Services, sales: PaidSale[]): Promise<SaleOutcome[]> {
  const first = new Map<string, number>()
  const repeats: number[] = []
  sales.forEach((sale, i) => (first.has(sale.paymentId) ? repeats.push(i) : first.set(sale.paymentId, i)))
  const outcomes: SaleOutcome[] = new Array(sales.length)
  const distinct = [...first.values()]
  ;(await sellPaidBookings(services.sql, distinct.map((i) => sales[i]!))).forEach((o, k) => (outcomes[distinct[k]!] = o))
  if (repeats.length) (await sellDistinct(services, repeats.map((i) => sales[i]!))).forEach((o, k) => (outcomes[repeats[k]!] = o))
  return outcomes
}

// Per process (per Services), never module-wide: tests and benchmarks build several.
const batchers = new WeakMap<Services, { read: (id: string) => Promise<PaymentToSettle | null>; sell: (sale: PaidSale) => Promise<SaleOutcome> }>()
function batchersOf(services: Services) {
  let b = batchers.get(services)
  if (!b) {
    b = { read: batched((ids: string[]) => readPayments(services, ids)), sell: batched((sales: PaidSale[]) => sellDistinct(services, sales)) }
    batchers.set(services, b)
  }
  return b
}

/** What the payment job needs to charge and settle a payment. */
export function findPaymentToSettle(services: Services, paymentId: string): Promise<PaymentToSettle | null> {
  return batchersOf(services).read(paymentId)
}

/** Sells a paid booking (see sellPaidBookings) in the batch of its turn. */
export function sellPaid(services: Services, sale: PaidSale): Promise<SaleOutcome> {
  return batchersOf(services).sell(sale)
}
