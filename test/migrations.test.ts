import { afterAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { createPrisma } from '../src/db/client.ts'
import { migrateDatabase } from '../src/db/migrate.ts'
import { seedDemoData } from '../src/db/seed.ts'
import { databaseUrl, TEST_PG_ADMIN_URL } from './support/env.ts'

const name = `sg_t_${Math.floor(Date.now() / 1000)}_mig_${crypto.randomUUID().slice(0, 8)}`
const admin = async (sql: string) => {
  const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL })
  await c.connect()
  try {
    return await c.query(sql)
  } finally {
    await c.end()
  }
}
afterAll(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))

describe('migrations and demo data', () => {
  it('migrate an empty database, then find nothing left to do', async () => {
    await admin(`CREATE DATABASE "${name}"`)
    expect(await migrateDatabase(databaseUrl(name))).toMatch(/Applied: \d+_init/)
    expect(await migrateDatabase(databaseUrl(name))).toMatch(/No pending migrations/)
  })

  it('seed an empty database once, and nothing twice', async () => {
    const prisma = createPrisma(databaseUrl(name))
    try {
      expect(await seedDemoData(prisma)).toEqual({ shows: 12 })
      expect(await seedDemoData(prisma)).toEqual({ shows: 0 })
      expect(await prisma.theater.count()).toBeGreaterThanOrEqual(3)
      expect(await prisma.movie.count()).toBeGreaterThanOrEqual(4)
      const shows = await prisma.show.findMany({ include: { _count: { select: { seats: true } } } })
      expect(shows).toHaveLength(12)
      for (const s of shows) {
        expect(s._count.seats).toBe(s.totalSeats)
        expect(s.totalSeats).toBeGreaterThanOrEqual(100)
        expect(s.totalSeats).toBeLessThanOrEqual(300)
        expect(s.startTime.getTime()).toBeGreaterThan(Date.now())
      }
      const seat = await prisma.seat.findFirstOrThrow({ where: { seatNumber: 'C7' } })
      expect(seat).toMatchObject({ row: 'C', number: 7, status: 'AVAILABLE' })
      expect((await prisma.user.findMany({ select: { role: true } })).map((u) => u.role).sort()).toEqual(['ADMIN', 'USER'])
    } finally {
      await prisma.$disconnect()
    }
  })
})
