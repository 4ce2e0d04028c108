import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { migrateDatabase } from '../../src/db/migrate.ts'
import { databaseUrl, TEST_PG_ADMIN_URL } from './env.ts'

/**
 * Migrates one template database per migration set (named by their hash, so it is reused until a
 * migration changes); each test file then clones it, which takes milliseconds.
 */
export default async function setup(project: TestProject) {
  const dir = path.resolve('prisma/migrations')
  const hash = createHash('sha256')
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, 'migration.sql')
    if (fs.existsSync(file)) hash.update(name).update(fs.readFileSync(file))
  }
  const template = `sg_template_${hash.digest('hex').slice(0, 12)}`
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL })
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
    // Databases of earlier runs that died before dropping theirs.
    const stale = await admin.query(
      `SELECT datname FROM pg_database WHERE datname LIKE 'sg\\_t\\_%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = pg_database.datname)`,
    )
    for (const row of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}"`).catch(() => undefined)
  } finally {
    await admin.end()
  }
  project.provide('templateDatabase', template)
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string
  }
}
