import type { Services } from '../services.ts'

/** Ready = PostgreSQL and Redis answer and every migration on disk is applied. */
export async function readiness(services: Services) {
  const check = async (fn: () => Promise<unknown>) => {
    try {
      await fn()
      return 'ok'
    } catch (err) {
      return err instanceof Error ? err.message.split('\n')[0]! : 'failed'
    }
  }
  const [postgres, redis, migrations] = await Promise.all([
    check(() => services.prisma.$queryRaw`SELECT 1`),
    check(() => services.redis.ping()),
    check(async () => {
      const [row] = await services.prisma.$queryRaw<{ pending: number }[]>`
        SELECT count(*)::int AS pending FROM _prisma_migrations WHERE finished_at IS NULL OR rolled_back_at IS NOT NULL`
      if (row && row.pending > 0) throw new Error(`${row.pending} migrations unfinished`)
    }),
  ])
  const ok = postgres === 'ok' && redis === 'ok' && migrations === 'ok'
  return { ok, postgres, redis, migrations }
}
