import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import pg from 'pg'
import { migrateDatabase } from '../../src/db/migrate.ts'
import { BENCH_PG_ADMIN_URL, BENCH_REDIS_URL, databaseUrl, log } from './env.ts'
import { forkChild } from './processes.ts'
import { onCleanup } from './run.ts'

/** An isolated seatgraph environment: a fresh migrated database and a Redis prefix of its own. */
export interface BenchStack {
  databaseUrl: string
  redisPrefix: string
  /** The settings every process of this run loads through src/config (loadConfig). */
  env: Record<string, string>
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BENCH_PG_ADMIN_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

// Names carry their creation time, so a later run can drop what a killed run left behind.
const STALE_AFTER_S = 3600
const dbName = (bench: string, id: string) => `seatgraph_bench_${bench}_${Math.floor(Date.now() / 1000)}_${id}`

/** Leftovers of runs that were killed outright: their Redis keys, then their database. */
async function dropStaleRuns(c: pg.Client) {
  const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'seatgraph\\_bench\\_%'`)
  for (const { datname } of rows) {
    const [, bench, created, id] = /^seatgraph_bench_(\w+)_(\d{10})_([0-9a-f]+)$/.exec(datname) ?? []
    if (!bench || Date.now() / 1000 - Number(created) < STALE_AFTER_S) continue
    log(`dropping ${datname}, left behind by an earlier run`)
    await deleteRedisKeys(databaseUrl(datname), redisPrefixOf(bench, id!)).catch(() => undefined)
    await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
  }
}

const redisPrefixOf = (bench: string, id: string) => `bench-${bench}-${id}`

export async function createStack(bench: string, overrides: Record<string, string> = {}): Promise<BenchStack> {
  const id = randomBytes(4).toString('hex')
  const name = dbName(bench, id)
  const url = databaseUrl(name)
  await admin(async (c) => {
    await dropStaleRuns(c)
    await c.query(`CREATE DATABASE "${name}"`)
  })
  onCleanup(`database ${name}`, () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)))
  const started = Date.now()
  await migrateDatabase(url)
  log(`database ${name} migrated in ${Date.now() - started} ms`)

  const redisPrefix = redisPrefixOf(bench, id)
  onCleanup(`Redis keys of ${redisPrefix}`, () => deleteRedisKeys(url, redisPrefix))
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    REDIS_URL: BENCH_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    JWT_SECRET: `bench-${id}-${randomBytes(24).toString('hex')}`,
    LOG_LEVEL: 'warn',
    ...overrides,
  }
  return { databaseUrl: url, redisPrefix, env }
}

/**
 * Deletes the run's keys: BullMQ's under the prefix, and the seat locks, which live outside any
 * prefix (`seatlock:{<showId>}:<seatId>`), by this database's show ids. Must run before the drop.
 */
async function deleteRedisKeys(dbUrl: string, prefix: string) {
  const shows = new Set<string>()
  const db = new pg.Client({ connectionString: dbUrl })
  await db.connect()
  try {
    for (const r of (await db.query<{ id: string }>('SELECT id FROM shows')).rows) shows.add(r.id)
  } finally {
    await db.end()
  }
  const redis = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: 1 })
  let deleted = 0
  try {
    for (const pattern of [`${prefix}:*`, 'seatlock:*']) {
      let cursor = '0'
      for (let round = 0; round < 100_000; round++) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 2000)
        const mine = pattern === 'seatlock:*' ? keys.filter((k) => shows.has(/^seatlock:\{([^}]+)\}/.exec(k)?.[1] ?? '')) : keys
        if (mine.length) deleted += await redis.unlink(...mine)
        cursor = next
        if (cursor === '0') break
      }
    }
  } finally {
    redis.disconnect()
  }
  log(`deleted ${deleted} Redis keys of ${prefix}`)
}

/** Starts seatgraph (API and/or worker) in a child process on this stack's database and prefix. */
export function startServer(stack: BenchStack, roles: 'api' | 'worker' | 'api,worker', env: Record<string, string> = {}) {
  return forkChild(new URL('./server-process.ts', import.meta.url), { ...stack.env, BENCH_ROLES: roles, ...env }, `seatgraph ${roles}`)
}
