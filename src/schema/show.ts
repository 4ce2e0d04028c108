import type { Context } from '../context.ts'
import { builder } from './builder.ts'
import { parseGlobalId, toGlobalId } from './global-id.ts'
import { Money } from './scalars.ts'
import { Seat } from './seat.ts'
import { checkPage, cursorRow, keyset } from '../resolvers/pages.ts'
import { showFilterWhere } from '../resolvers/show.ts'

builder.prismaNode('Movie', {
  id: { field: 'id' },
  fields: (t) => ({
    title: t.exposeString('title'),
    durationMinutes: t.exposeInt('durationMinutes'),
  }),
})

builder.prismaNode('Theater', {
  id: { field: 'id' },
  fields: (t) => ({
    name: t.exposeString('name'),
    city: t.exposeString('city'),
  }),
})

const SeatMap = builder.objectRef<{ showId: string; version: number; seats: unknown[] }>('SeatMap').implement({
  fields: (t) => ({
    showId: t.id({ resolve: (m) => toGlobalId('Show', m.showId) }),
    version: t.exposeInt('version', { description: 'Rises by one with every change of any seat of the show.' }),
    seats: t.field({ type: [Seat], resolve: (m) => m.seats as never, description: 'Ordered by row, then number.' }),
  }),
})

export const Show = builder.prismaNode('Show', {
  id: { field: 'id' },
  fields: (t) => ({
    movie: t.relation('movie'),
    theater: t.relation('theater'),
    startTime: t.expose('startTime', { type: 'DateTime' }),
    price: t.field({
      type: Money,
      select: { priceAmount: true, currency: true },
      description: 'Price of one seat.',
      resolve: (s) => ({ amount: s.priceAmount, currency: s.currency }),
    }),
    availableSeats: t.int({
      select: { availableSeats: true, seatMapVersion: true },
      resolve: (s, _args, ctx) => {
        readAt(ctx, s.id, s.seatMapVersion)
        return s.availableSeats
      },
    }),
    totalSeats: t.exposeInt('totalSeats'),
    seatMap: t.field({
      type: SeatMap,
      select: { seatMapVersion: true },
      description: 'The current snapshot; subscribe to `seatMap` and resume from its version.',
      resolve: async (s, _args, ctx) => {
        const snapshot = await ctx.loaders.seatMap.load(`${s.id}@${s.seatMapVersion}`)
        readAt(ctx, s.id, snapshot.version)
        return snapshot
      },
    }),
  }),
})

/** Records what an answer depends on; two different versions of one show make it uncacheable. */
function readAt(ctx: Context, showId: string, version: number) {
  const seen = ctx.readVersions.get(showId)
  ctx.readVersions.set(showId, seen === undefined || seen === version ? version : -1)
}

const ShowFilter = builder.inputType('ShowFilter', {
  fields: (t) => ({
    movieId: t.id(),
    theaterId: t.id(),
    startsAfter: t.field({
      type: 'DateTime',
      description: 'Shows starting after this instant (default: now, so only shows that have not started; an earlier instant includes started ones).',
    }),
    startsBefore: t.field({ type: 'DateTime', description: 'Shows starting before this instant.' }),
  }),
})

builder.queryFields((t) => ({
  shows: t.prismaConnection({
    type: 'Show',
    cursor: 'id',
    maxSize: 100,
    defaultSize: 20,
    args: { filter: t.arg({ type: ShowFilter }) },
    description: 'Upcoming shows, soonest first. `first` is 1..100 (default 20).',
    resolve: async (query, _root, args, ctx) => {
      checkPage(args)
      const at = await cursorRow(query, args.after ? 'after' : 'before', (id) =>
        ctx.prisma.show.findUnique({ where: { id }, select: { id: true, startTime: true } }).then((s) => s && { id: s.id, key: s.startTime }),
      )
      const { page, where } = keyset(query, at, 'startTime', 'asc')
      return ctx.prisma.show.findMany({
        ...page,
        where: { AND: [showFilterWhere(args.filter), where] },
        orderBy: [{ startTime: 'asc' }, { id: 'asc' }],
      })
    },
  }, { name: 'ShowConnection' }, { name: 'ShowEdge' }),
  show: t.prismaField({
    type: 'Show',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => {
      const id = parseGlobalId(args.id, 'Show')
      return id ? ctx.prisma.show.findUnique({ ...query, where: { id } }) : null
    },
  }),
}))
