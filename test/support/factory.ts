import { hashPassword } from '../../src/domain/auth/accounts.ts'
import { seatGrid } from '../../src/db/seed.ts'
import { toGlobalId } from '../../src/schema/global-id.ts'
import type { Services } from '../../src/services.ts'

let passwordHash: Promise<string> | null = null
let counter = 0

/**
 * Makes unique data for one test, so tests never share rows: users come with a token, shows with
 * their seats (rows A.., `perRow` seats each) and global ids ready for GraphQL.
 */
export function createFactory(services: Services) {
  const { prisma } = services
  return {
    async user(opts: { role?: 'USER' | 'ADMIN'; email?: string } = {}) {
      passwordHash ??= hashPassword('correct-horse-battery')
      const n = ++counter
      const user = await prisma.user.create({
        data: {
          email: opts.email ?? `user-${n}-${crypto.randomUUID().slice(0, 8)}@test.dev`,
          name: `Test User ${n}`,
          role: opts.role ?? 'USER',
          passwordHash: await passwordHash,
        },
      })
      const token = await services.tokens.issue({ id: user.id, role: user.role })
      return { ...user, token, password: 'correct-horse-battery', globalId: toGlobalId('User', user.id) }
    },

    async show(opts: { seats?: number; perRow?: number; startsInMs?: number; price?: number; currency?: string } = {}) {
      const seats = opts.seats ?? 20
      const perRow = opts.perRow ?? Math.min(seats, 10)
      const theater = await prisma.theater.create({ data: { name: `Hall ${++counter}`, city: 'Testville' } })
      const movie = await prisma.movie.create({ data: { title: `Film ${counter}`, durationMinutes: 100 } })
      const show = await prisma.show.create({
        data: {
          movieId: movie.id,
          theaterId: theater.id,
          startTime: new Date(Date.now() + (opts.startsInMs ?? 2 * 86_400_000)),
          priceAmount: opts.price ?? 1000,
          currency: opts.currency ?? 'EUR',
          availableSeats: seats,
          totalSeats: seats,
        },
      })
      const grid = seatGrid(show.id, Math.ceil(seats / perRow), perRow).slice(0, seats)
      await prisma.seat.createMany({ data: grid })
      const rows = await prisma.seat.findMany({ where: { showId: show.id }, orderBy: [{ row: 'asc' }, { number: 'asc' }] })
      return {
        ...show,
        movie,
        theater,
        globalId: toGlobalId('Show', show.id),
        seats: rows.map((s) => ({ ...s, globalId: toGlobalId('Seat', s.id) })),
      }
    },
  }
}
