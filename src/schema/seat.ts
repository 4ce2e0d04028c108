import { builder } from './builder.ts'

export const SeatStatus = builder.enumType('SeatStatus', { values: ['AVAILABLE', 'LOCKED', 'BOOKED'] as const })

export const Seat = builder.prismaNode('Seat', {
  id: { field: 'id' },
  fields: (t) => ({
    seatNumber: t.exposeString('seatNumber', { description: 'e.g. "C7"' }),
    row: t.exposeString('row'),
    number: t.exposeInt('number'),
    // No `select` on these: seat-map snapshots are plain rows that already carry status and
    // bookingId, and a select would make Pothos re-read every seat from the database.
    status: t.field({ type: SeatStatus, resolve: (s) => s.status }),
    heldByViewer: t.boolean({
      description: "True while the viewer's own PENDING_PAYMENT booking holds the seat.",
      resolve: async (s, _args, ctx) =>
        !!ctx.viewer && s.status === 'LOCKED' && !!s.bookingId && (await ctx.loaders.viewerHolds()).has(s.bookingId),
    }),
  }),
})
