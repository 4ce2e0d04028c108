import { builder } from './builder.ts'
import { toGlobalId } from './global-id.ts'
import { SeatStatus } from './seat.ts'
import type { SeatChangeFact, SeatMapEventFact } from '../pubsub/topics.ts'
import { bookingUpdatedStream, seatMapStream } from '../resolvers/subscription.ts'

const SeatChangeReason = builder.enumType('SeatChangeReason', {
  values: ['LOCKED', 'BOOKED', 'RELEASED', 'EXPIRED', 'CANCELLED'] as const,
})

// Per-event resolvers here read only the event, never the viewer or the arguments, so one execution
// per event serves every subscriber (src/http/shared-subscriptions.ts). A field that breaks this must
// leave the list below.
export const viewerIndependentFields: ReadonlySet<string> = new Set([
  'Subscription.seatMap',
  ...['showId', 'version', 'reason', 'seats', 'at'].map((f) => `SeatMapEvent.${f}`),
  ...['seatId', 'seatNumber', 'status'].map((f) => `SeatChange.${f}`),
])

const SeatChange = builder.objectRef<SeatChangeFact>('SeatChange').implement({
  fields: (t) => ({
    seatId: t.id({ resolve: (c) => toGlobalId('Seat', c.seatId) }),
    seatNumber: t.exposeString('seatNumber'),
    status: t.field({ type: SeatStatus, resolve: (c) => c.status }),
  }),
})

const SeatMapEvent = builder.objectRef<SeatMapEventFact>('SeatMapEvent').implement({
  description:
    "One committed change of a show's seat map; versions of one show arrive in order with no gaps. " +
    'Re-subscribe with sinceVersion (the last version applied) to receive what was missed first.',
  fields: (t) => ({
    showId: t.id({ resolve: (e) => toGlobalId('Show', e.showId) }),
    version: t.exposeInt('version'),
    reason: t.field({ type: SeatChangeReason, resolve: (e) => e.reason }),
    seats: t.field({ type: [SeatChange], resolve: (e) => e.seats }),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
  }),
})

builder.subscriptionFields((t) => ({
  seatMap: t.field({
    type: SeatMapEvent,
    description: 'Public. Every change of the show, in order; with sinceVersion, the missed ones first.',
    args: { showId: t.arg.id({ required: true }), sinceVersion: t.arg.int() },
    subscribe: (_root, args, ctx) => seatMapStream(ctx, args.showId, args.sinceVersion),
    resolve: (event) => event,
  }),
  bookingUpdated: t.prismaField({
    type: 'Booking',
    description:
      "The booking's owner (or an admin) receives it on every change of its or its payment's status; the subscription completes after EXPIRED, CANCELLED or PAYMENT_FAILED, once the payment is no longer in flight.",
    args: {
      bookingId: t.arg.id({ required: true }),
      includeCurrent: t.arg.boolean({ defaultValue: false, description: 'Send the booking as it is first, then every change.' }),
    },
    subscribe: (_root, args, ctx) => bookingUpdatedStream(ctx, args.bookingId, args.includeCurrent ?? false),
    resolve: (query, fact: { bookingId: string }, _args, ctx) =>
      ctx.prisma.booking.findUniqueOrThrow({ ...query, where: { id: fact.bookingId } }),
  }),
}))
