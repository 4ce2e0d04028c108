import { afterAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/app.ts'
import { confirm, dbState, expectConsistent } from './support/booking-helpers.ts'
import { BookSeats } from './support/operations.ts'
import { startPrivateRedis } from './support/private-redis.ts'
import { eventually } from './support/wait.ts'

const cleanup: (() => Promise<unknown>)[] = []
afterAll(async () => {
  for (const c of cleanup.reverse()) await c()
})

type Show = Awaited<ReturnType<TestApp['factory']['show']>>
type User = Awaited<ReturnType<TestApp['factory']['user']>>

async function users(app: TestApp, n: number): Promise<User[]> {
  const out: User[] = []
  for (let i = 0; i < n; i++) out.push(await app.factory.user())
  return out
}

function attempt(app: TestApp, user: User, show: Show, idx: number[]) {
  return app.gql(BookSeats, { input: { showId: show.globalId, seatIds: idx.map((i) => show.seats[i]!.globalId) } }, user.token)
}

describe('contention on the real PostgreSQL and Redis', () => {
  it('200 simultaneous holds of one seat: exactly one wins, 199 are told it is taken, none fails', async () => {
    const app = await createTestApp()
    cleanup.push(() => app.close())
    const show = await app.factory.show({ seats: 4 })
    const buyers = await users(app, 200)
    const results = await Promise.all(buyers.map((u) => attempt(app, u, show, [1])))
    expect(results.filter((r) => r.errors)).toEqual([])
    const kinds = results.map((r) => r.data!.bookSeats.__typename)
    expect(kinds.filter((k) => k === 'BookSeatsSuccess')).toHaveLength(1)
    expect(kinds.filter((k) => k === 'SeatsUnavailableError')).toHaveLength(199)
    const state = await dbState(app, show.id)
    expect(state.version).toBe(1)
    expect(await app.prisma.booking.count({ where: { showId: show.id } })).toBe(1)
    await expectConsistent(app, show.id)
  })

  it('overlapping chains never share a seat and every winner holds all its seats', async () => {
    const app = await createTestApp()
    cleanup.push(() => app.close())
    const show = await app.factory.show({ seats: 41 })
    const buyers = await users(app, 40)
    const results = await Promise.all(buyers.map((u, i) => attempt(app, u, show, [i, i + 1])))
    expect(results.filter((r) => r.errors)).toEqual([])
    const won = results.filter((r) => r.data!.bookSeats.__typename === 'BookSeatsSuccess')
    expect(won.length).toBeGreaterThanOrEqual(14) // at least every third chain link is disjoint from the next winner
    const state = await dbState(app, show.id)
    expect(state.version).toBe(won.length)
    expect(state.seats.filter((s) => s.status === 'LOCKED')).toHaveLength(won.length * 2)
    await expectConsistent(app, show.id)
  })

  it('stays correct when Redis forgets everything mid-traffic (FLUSHALL), and no seat stays stuck', async () => {
    const redis = await startPrivateRedis()
    cleanup.push(() => redis.stop())
    const app = await createTestApp({ REDIS_URL: redis.url, SEAT_LOCK_EXPIRY: String(2500 / 60_000), SWEEP_INTERVAL_MS: '1000' })
    cleanup.push(() => app.close())
    await app.startWorker()
    const show = await app.factory.show({ seats: 30 })
    const buyers = await users(app, 60)
    let flushed = 0
    const flusher = setInterval(() => void redis.client.flushall().then(() => flushed++), 40)
    try {
      for (let round = 0; round < 4; round++) {
        const results = await Promise.all(buyers.map((u, i) => attempt(app, u, show, [(i + round) % 29, ((i + round) % 29) + 1])))
        expect(results.filter((r) => r.errors)).toEqual([])
        for (const r of results.slice(0, 5)) {
          if (r.data!.bookSeats.__typename === 'BookSeatsSuccess') await confirm(app, buyers[0]!, r.data!.bookSeats.booking.id).catch(() => undefined)
        }
        await expectConsistent(app, show.id)
      }
    } finally {
      clearInterval(flusher)
    }
    expect(flushed).toBeGreaterThan(0)
    // Every hold ends: its delayed job may be gone with Redis, the sweeper is not.
    await eventually(async () => (await app.prisma.booking.count({ where: { showId: show.id, status: 'PENDING_PAYMENT' } })) === 0, 15_000, 200)
    const state = await dbState(app, show.id)
    expect(state.seats.filter((s) => s.status === 'LOCKED')).toEqual([])
    await expectConsistent(app, show.id)
  })
})
