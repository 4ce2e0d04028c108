import { GraphQLError } from 'graphql'
import type { Context } from '../context.ts'
import { isAdminNow } from '../domain/auth/accounts.ts'
import type { BookingUpdatedFact } from '../pubsub/topics.ts'
import { parseGlobalId } from '../schema/global-id.ts'

const error = (message: string, code: string) => new GraphQLError(message, { extensions: { code } })

/**
 * Refusals come out of the stream, never thrown here: thrown, graphql-ws would answer them as a
 * result and complete, while the stream's own (REPLAY_UNAVAILABLE, SHOW_NOT_FOUND) are an `error`
 * message. One shape for every refusal of a subscription.
 */
export function seatMapStream(ctx: Context, showGlobalId: string, sinceVersion: number | null | undefined) {
  const showId = parseGlobalId(showGlobalId, 'Show')
  if (!showId) return refused(error('showId is not a valid Show id.', 'VALIDATION'))
  if (sinceVersion != null && sinceVersion < 0) return refused(error('sinceVersion must be 0 or more.', 'VALIDATION'))
  return ctx.services.seatMaps.subscribe(showId, sinceVersion)
}

// eslint-disable-next-line require-yield -- a stream that fails at once
async function* refused(err: GraphQLError): AsyncGenerator<never> {
  throw err
}

/** Statuses a booking never leaves: after one, once its payment is not in flight, the subscription completes. */
const FINAL = new Set(['EXPIRED', 'CANCELLED', 'PAYMENT_FAILED'])
const settled = (fact: BookingUpdatedFact) => FINAL.has(fact.status) && fact.paymentStatus !== 'PROCESSING' && fact.paymentStatus !== 'PENDING'

/**
 * Owner or admin only. Anyone else hears the same BOOKING_NOT_FOUND as for an id of nothing,
 * so the subscription cannot be used to probe which bookings exist. With `includeCurrent`, the
 * booking as it is comes first (read after listening starts, so no change falls in between): a
 * client that subscribes after confirmBooking answered cannot miss an outcome that came first.
 */
export function bookingUpdatedStream(ctx: Context, bookingGlobalId: string, includeCurrent = false): AsyncIterableIterator<BookingUpdatedFact> {
  const waiting: Waiting = { closed: false, wake: null }
  const updates = follow(ctx, bookingGlobalId, includeCurrent, waiting)
  // An async generator waiting for its next event sees return() only when one arrives: a client
  // leaving a booking that does not change again would keep its listener and its Redis channel
  // for good. return() wakes it to finish.
  return {
    next: () => updates.next(),
    return: (value?: unknown) => {
      waiting.closed = true
      waiting.wake?.()
      return updates.return(value as undefined)
    },
    throw: (err?: unknown) => updates.throw(err),
    [Symbol.asyncIterator]() {
      return this
    },
  }
}

interface Waiting {
  closed: boolean
  wake: (() => void) | null
}

async function* follow(ctx: Context, bookingGlobalId: string, includeCurrent: boolean, waiting: Waiting): AsyncGenerator<BookingUpdatedFact, undefined> {
  if (!ctx.viewer) throw error(ctx.authError ?? 'You must be logged in.', 'UNAUTHENTICATED')
  const bookingId = parseGlobalId(bookingGlobalId, 'Booking')
  // Malformed is VALIDATION, as for every id argument of a mutation; it says nothing of any booking.
  if (!bookingId) throw error('bookingId is not a valid Booking id.', 'VALIDATION')
  const booking = await ctx.prisma.booking.findUnique({ where: { id: bookingId }, select: { userId: true } })
  const viewerId = ctx.viewer.id
  if (!booking || (booking.userId !== viewerId && !(await ctx.isAdmin()))) {
    throw error('No such booking.', 'BOOKING_NOT_FOUND')
  }
  // An admin following someone else's booking may be demoted while the subscription lives (its
  // context was checked once): the role is read again before each update, as for a new request.
  const allowed = async () => booking.userId === viewerId || (await isAdminNow(ctx.prisma, viewerId))
  // A published change says only that the booking moved: what is sent (and whether it is the
  // last) is the booking as it is now, read as the client's copy will be. Two changes that land
  // before the first is read are one update; a change already sent is not sent again.
  let changed = includeCurrent
  let sent = ''
  const unsubscribe = await ctx.services.pubsub.subscribe('booking', bookingId, () => {
    changed = true
    waiting.wake?.()
  })
  try {
    while (!waiting.closed) {
      if (!changed) {
        await new Promise<void>((resolve) => (waiting.wake = resolve))
        continue
      }
      changed = false
      const fact = await current(ctx, bookingId)
      if (fact === undefined) {
        // A database blip must not end the subscription: look again in a moment.
        setTimeout(() => ((changed = true), waiting.wake?.()), 1_000).unref()
        continue
      }
      if (fact === null) throw error('No such booking.', 'BOOKING_NOT_FOUND') // deleted with its account
      if (`${fact.status}/${fact.paymentStatus}` === sent) continue
      if (!(await allowed())) throw error('No such booking.', 'BOOKING_NOT_FOUND')
      sent = `${fact.status}/${fact.paymentStatus}`
      yield fact
      if (settled(fact)) return
    }
  } finally {
    unsubscribe()
  }
}

/** The booking's states as they are; null when it is gone, undefined when it could not be read. */
async function current(ctx: Context, bookingId: string): Promise<BookingUpdatedFact | null | undefined> {
  try {
    const now = await ctx.prisma.booking.findUnique({ where: { id: bookingId }, select: { status: true, payment: { select: { status: true } } } })
    return now && { bookingId, status: now.status, paymentStatus: now.payment?.status ?? 'PENDING' }
  } catch (err) {
    ctx.services.logger.warn({ err, bookingId }, 'bookingUpdated could not read the booking; trying again')
    return undefined
  }
}
