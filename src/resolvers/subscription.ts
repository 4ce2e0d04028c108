import { GraphQLError } from 'graphql'
import type { Context } from '../context.ts'
import type { BookingUpdatedFact } from '../pubsub/topics.ts'
import { parseGlobalId } from '../schema/global-id.ts'

const error = (message: string, code: string) => new GraphQLError(message, { extensions: { code } })

export function seatMapStream(ctx: Context, showGlobalId: string, sinceVersion: number | null | undefined) {
  const showId = parseGlobalId(showGlobalId, 'Show')
  if (!showId) throw error('showId is not a valid Show id.', 'VALIDATION')
  if (sinceVersion != null && sinceVersion < 0) throw error('sinceVersion must be 0 or more.', 'VALIDATION')
  return ctx.services.seatMaps.subscribe(showId, sinceVersion)
}

/**
 * Owner or admin only. Anyone else hears the same BOOKING_NOT_FOUND as for an id of nothing,
 * so the subscription cannot be used to probe which bookings exist.
 */
export async function* bookingUpdatedStream(ctx: Context, bookingGlobalId: string): AsyncGenerator<BookingUpdatedFact> {
  if (!ctx.viewer) throw error(ctx.authError ?? 'You must be logged in.', 'UNAUTHENTICATED')
  const bookingId = parseGlobalId(bookingGlobalId, 'Booking')
  const booking = bookingId
    ? await ctx.prisma.booking.findUnique({ where: { id: bookingId }, select: { userId: true } })
    : null
  if (!bookingId || !booking || (booking.userId !== ctx.viewer.id && !(await ctx.isAdmin()))) {
    throw error('No such booking.', 'BOOKING_NOT_FOUND')
  }
  const queue: BookingUpdatedFact[] = []
  let wake: (() => void) | null = null
  const unsubscribe = await ctx.services.pubsub.subscribe('booking', bookingId, (fact) => {
    queue.push(fact)
    wake?.()
  })
  try {
    for (;;) {
      const fact = queue.shift()
      if (fact) yield fact
      else await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    unsubscribe()
  }
}
