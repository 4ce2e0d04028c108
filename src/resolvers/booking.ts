import type { Context } from '../context.ts'
import { cancelBooking } from '../domain/booking/cancel.ts'
import { confirmBooking } from '../domain/booking/confirm.ts'
import { placeHold } from '../domain/booking/hold.ts'
import type { HeldBooking } from '../domain/booking/hold-statement.ts'
import { DomainError, ValidationError } from '../domain/errors.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import { parseGlobalId, requireGlobalId } from '../schema/global-id.ts'

/** Thin adapters: decode and check the input's shape, call the domain, answer the booking's id. */
const viewerOf = (ctx: Context) => ctx.viewer!

function optionalKey(key: string | null | undefined): string | null {
  if (key == null) return null
  if (key.length < 1 || key.length > 200 || key.includes('\u0000')) {
    throw new ValidationError('idempotencyKey must be 1 to 200 characters, without NUL.', 'idempotencyKey')
  }
  return key
}

export async function bookSeatsResolver(ctx: Context, input: { showId: string; seatIds: string[]; idempotencyKey?: string | null }) {
  const max = ctx.services.config.maxSeatsPerBooking
  if (input.seatIds.length === 0) throw new ValidationError('Choose at least one seat.', 'seatIds')
  if (input.seatIds.length > max) throw new DomainError('TOO_MANY_SEATS', `At most ${max} seats per booking.`)
  const showId = requireGlobalId(input.showId, 'Show', 'showId')
  const seatIds = input.seatIds.map((id) => requireGlobalId(id, 'Seat', 'seatIds'))
  if (new Set(seatIds).size !== seatIds.length) throw new ValidationError('A seat is listed more than once.', 'seatIds')
  const idempotencyKey = optionalKey(input.idempotencyKey)
  const userId = viewerOf(ctx).id
  // The per-user rate limit goes to Redis in one round trip with the seat locks.
  const hold = await placeHold(ctx.services, { userId, showId, seatIds, idempotencyKey }, () => ctx.services.limits.bookSeats(userId))
  return { bookingId: hold.bookingId, row: hold.booking }
}

export async function confirmBookingResolver(ctx: Context, input: { bookingId: string; paymentToken: string; idempotencyKey?: string | null }) {
  const bookingId = requireGlobalId(input.bookingId, 'Booking', 'bookingId')
  const idempotencyKey = optionalKey(input.idempotencyKey)
  return { bookingId: await confirmBooking(ctx.services, { userId: viewerOf(ctx).id, bookingId, paymentToken: input.paymentToken, idempotencyKey }) }
}

export async function cancelBookingResolver(ctx: Context, input: { bookingId: string }) {
  const bookingId = requireGlobalId(input.bookingId, 'Booking', 'bookingId')
  return { bookingId: await cancelBooking(ctx.services, viewerOf(ctx).id, bookingId) }
}

/** What a booking mutation answers: the booking's id, and its row when the mutation has it in hand. */
export interface MutatedBooking {
  bookingId: string
  row?: HeldBooking | null
}

/**
 * The booking of a mutation's success. The row the mutation wrote answers a selection of its own
 * columns (a hold needs no read-back); anything more is one Prisma query with Pothos' selection.
 */
export function successBooking<Q extends { select?: object; include?: object }>(ctx: Context, parent: MutatedBooking, query: Q) {
  const { row } = parent
  if (row && answers(row, query)) return row
  return ctx.prisma.booking.findUniqueOrThrow({ ...query, where: { id: parent.bookingId } })
}

const answers = (row: object, query: { select?: object; include?: object }) =>
  Object.keys(query.include ?? {}).length === 0 && Object.entries(query.select ?? {}).every(([k, v]) => v === true && k in row)

/** Owner or admin sees it; everybody else gets null, as for an id of nothing. */
export async function findVisibleBooking<Q extends object>(ctx: Context, globalId: string, query: Q) {
  const id = parseGlobalId(globalId, 'Booking')
  if (!id || !ctx.viewer) return null
  const where = (await ctx.isAdmin()) ? { id } : { id, userId: ctx.viewer.id }
  return ctx.prisma.booking.findFirst({ ...query, where })
}

export function myBookingsWhere(ctx: Context, status: readonly string[] | null | undefined): Prisma.BookingWhereInput {
  return { userId: viewerOf(ctx).id, ...(status?.length ? { status: { in: status as Prisma.EnumBookingStatusFilter['in'] } } : {}) }
}
