import { brandWithType } from '@pothos/core'
import type { Context } from '../context.ts'
import { builder } from './builder.ts'
import { decodeAny } from './global-id.ts'

/**
 * Relay refetch. A malformed or unknown id, or one the viewer may not see (another user's
 * booking, payment or account), is null: nothing tells those cases apart.
 */
builder.queryField('node', (t) =>
  t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const decoded = decodeAny(args.id)
      if (!decoded) return null
      const found = await load(ctx, decoded.typename, decoded.id)
      if (found) brandWithType(found, decoded.typename as never)
      return found
    },
  }),
)

async function load(ctx: Context, typename: string, id: string): Promise<object | null> {
  const { prisma, viewer } = ctx
  const admin = await ctx.isAdmin()
  switch (typename) {
    case 'Show':
      return prisma.show.findUnique({ where: { id } })
    case 'Movie':
      return prisma.movie.findUnique({ where: { id } })
    case 'Theater':
      return prisma.theater.findUnique({ where: { id } })
    case 'Seat':
      return prisma.seat.findUnique({ where: { id } })
    case 'User':
      return viewer && (admin || viewer.id === id) ? prisma.user.findUnique({ where: { id } }) : null
    case 'Booking':
      return viewer ? prisma.booking.findFirst({ where: admin ? { id } : { id, userId: viewer.id } }) : null
    case 'Payment':
      return viewer ? prisma.payment.findFirst({ where: admin ? { id } : { id, userId: viewer.id } }) : null
    default:
      return null
  }
}
