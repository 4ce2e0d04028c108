import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import { migrateDatabase } from '../../src/db/migrate.ts'
import { startEmbeddedServices } from '../../src/embedded/services.ts'

async function reachable(pgUrl: string, redisUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 })
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  try {
    await client.connect()
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
    redis.disconnect()
  }
}

/**
 * Migrates one template database per migration set (named by their hash, so it is reused until a
 * migration changes); each test file then clones it, which takes milliseconds.
 */
export default async function setup(project: TestProject) {
  let pgUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
  let redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
  let embedded: Awaited<ReturnType<typeof startEmbeddedServices>> | null = null
  if (!(await reachable(pgUrl, redisUrl))) {
    // A machine without PostgreSQL/Redis running: bring up embedded ones for this run.
    console.warn(`PostgreSQL/Redis not reachable at ${pgUrl} / ${redisUrl}: starting embedded ones in .seatgraph/test`)
    embedded = await startEmbeddedServices('.seatgraph/test', pino({ level: 'warn' }))
    pgUrl = embedded.databaseUrl
    redisUrl = embedded.redisUrl
  }
  const databaseUrl = (name: string) => Object.assign(new URL(pgUrl), { pathname: `/${name}` }).toString()
  const dir = path.resolve('prisma/migrations')
  const hash = createHash('sha256')
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, 'migration.sql')
    if (fs.existsSync(file)) hash.update(name).update(fs.readFileSync(file))
  }
  const template = `sg_template_${hash.digest('hex').slice(0, 12)}`
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])
    if (!rowCount) {
      const building = `${template}_building`
      await admin.query(`DROP DATABASE IF EXISTS "${building}"`)
      await admin.query(`CREATE DATABASE "${building}"`)
      await migrateDatabase(databaseUrl(building))
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`)
    }
    // Databases of runs that died before dropping theirs: their names carry their creation time,
    // so a run never drops a database another run (still going) is using.
    const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname ~ '^sg_t_[0-9]+_'`)
    const hourAgo = Math.floor(Date.now() / 1000) - 3600
    for (const { datname } of stale.rows as { datname: string }[]) {
      if (Number(datname.split('_')[2]) < hourAgo) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined)
    }
  } finally {
    await admin.end()
  }
  project.provide('templateDatabase', template)
  project.provide('testPgAdminUrl', pgUrl)
  project.provide('testRedisUrl', redisUrl)
  return async () => {
    await embedded?.stop()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string
  }
}
