import type { Db } from './client.ts'
import { hashPassword } from '../domain/auth/accounts.ts'

export const DEMO_USER = { email: 'demo@seatgraph.dev', password: 'demo-password-1', name: 'Demo User' }
export const DEMO_ADMIN = { email: 'admin@seatgraph.dev', password: 'admin-password-1', name: 'Demo Admin' }

const THEATERS = [
  { name: 'Odeon Riverside', city: 'London', rows: 10, perRow: 12 },
  { name: 'Le Grand Rex', city: 'Paris', rows: 12, perRow: 16 },
  { name: 'Kino International', city: 'Berlin', rows: 15, perRow: 20 },
]
const MOVIES = [
  { title: 'The Last Projectionist', durationMinutes: 118 },
  { title: 'Velvet Orbit', durationMinutes: 134 },
  { title: 'A Quiet Row', durationMinutes: 97 },
  { title: 'Intermission', durationMinutes: 152 },
]
const PRICES = [{ amount: 1250, currency: 'GBP' }, { amount: 1400, currency: 'EUR' }, { amount: 1100, currency: 'EUR' }]

export const rowLetter = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : rowLetter(Math.floor(i / 26) - 1) + rowLetter(i % 26))

/**
 * Demo data for a first start: accounts are ensured every time; theaters, movies and 12 shows over
 * the coming days are added only when no upcoming show exists, so a restart seeds nothing twice.
 */
export async function seedDemoData(prisma: Db, now = new Date()): Promise<{ shows: number }> {
  for (const [account, role] of [[DEMO_USER, 'USER'], [DEMO_ADMIN, 'ADMIN']] as const) {
    const exists = await prisma.user.findUnique({ where: { email: account.email }, select: { id: true } })
    if (!exists) {
      await prisma.user.create({
        data: { email: account.email, name: account.name, role, passwordHash: await hashPassword(account.password) },
      })
    }
  }
  if ((await prisma.show.count({ where: { startTime: { gt: now } } })) > 0) return { shows: 0 }

  const theaters = await Promise.all(THEATERS.map(({ name, city }) => prisma.theater.create({ data: { name, city } })))
  const movies = await Promise.all(MOVIES.map((m) => prisma.movie.create({ data: m })))
  const day0 = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  for (let i = 0; i < 12; i++) {
    const t = i % THEATERS.length
    const layout = THEATERS[t]!
    const startTime = new Date(day0 + (1 + Math.floor(i / 3)) * 86_400_000 + (17 + (i % 3) * 2) * 3_600_000 + 30 * 60_000)
    const totalSeats = layout.rows * layout.perRow
    const show = await prisma.show.create({
      data: {
        movieId: movies[i % movies.length]!.id,
        theaterId: theaters[t]!.id,
        startTime,
        priceAmount: PRICES[t]!.amount,
        currency: PRICES[t]!.currency,
        availableSeats: totalSeats,
        totalSeats,
      },
    })
    await prisma.seat.createMany({ data: seatGrid(show.id, layout.rows, layout.perRow) })
  }
  return { shows: 12 }
}

export function seatGrid(showId: string, rows: number, perRow: number) {
  return Array.from({ length: rows * perRow }, (_, k) => {
    const row = rowLetter(Math.floor(k / perRow))
    const number = (k % perRow) + 1
    return { showId, row, number, seatNumber: `${row}${number}` }
  })
}
