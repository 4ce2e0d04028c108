import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Services } from '../services.ts'

const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url))

/** The migrations this build ships: every folder under prisma/migrations with a migration.sql. */
let shipped: string[] | null = null
function shippedMigrations(): string[] {
  shipped ??= fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(`${MIGRATIONS_DIR}/${d.name}/migration.sql`))
    .map((d) => d.name)
    .sort()
  return shipped
}

/** Shipped migrations the database has not applied and finished (a rolled-back one counts as missing). */
export async function missingMigrations(services: Services): Promise<string[]> {
  const applied = await services.prisma.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`
  const done = new Set(applied.map((r) => r.migration_name))
  return shippedMigrations().filter((name) => !done.has(name))
}

/**
 * How long a dependency may take to answer /ready. A stalled server (overloaded, paused, a network
 * partition without resets) keeps its connections open and never fails a command: without a bound,
 * /ready hung with it and a load balancer kept sending traffic to an instance that could not serve.
 */
const READY_TIMEOUT_MS = 2_000

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadinessProblem(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

/** Ready = PostgreSQL and Redis answer in time and every migration on disk is applied. */
export async function readiness(services: Services) {
  const check = async (fn: () => Promise<unknown>) => {
    try {
      await within(fn(), READY_TIMEOUT_MS)
      return 'ok'
    } catch (err) {
      services.logger.warn({ err }, 'readiness check failed')
      return err instanceof ReadinessProblem ? err.message : 'unavailable'
    }
  }
  const [postgres, redis, migrations] = await Promise.all([
    check(() => services.prisma.$queryRaw`SELECT 1`),
    check(() => services.redis.ping()),
    check(async () => {
      const missing = await missingMigrations(services)
      if (missing.length) throw new ReadinessProblem(`not applied: ${missing.join(', ')}`)
    }),
  ])
  const ok = postgres === 'ok' && redis === 'ok' && migrations === 'ok'
  return { ok, postgres, redis, migrations }
}

/** A reason safe to show on /ready (unlike a driver's error message, which may name hosts). */
class ReadinessProblem extends Error {}
