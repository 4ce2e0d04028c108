import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '../generated/prisma/client.ts'
import { createSql, statementNames, type Sql } from './sql.ts'

export type Db = PrismaClient

export interface DbOptions {
  poolSize?: number
  /** Named (prepared) statements; off for poolers that cannot keep them (see config). */
  preparedStatements?: boolean
  /** Called with each SQL statement; tests use it to prove a query stays bounded (no N+1). */
  onQuery?: (sql: string) => void
}

export interface Database {
  prisma: PrismaClient
  /** The hot path's hand-written statements, on the same pool (see sql.ts). */
  sql: Sql
  close(): Promise<void>
}

/** One pool per process (or per test database), shared by Prisma and the hot-path statements. */
export function createDatabase(databaseUrl: string, options: DbOptions = {}): Database {
  const named = options.preparedStatements !== false
  const pool = newPool(databaseUrl, options.poolSize ?? 20)
  const prisma = prismaOn(pool, { named, onQuery: options.onQuery })
  return {
    prisma,
    sql: createSql(pool, { named, onQuery: options.onQuery }),
    // Prisma ends a pool it was handed only through its adapter's dispose: end it here instead.
    close: async () => {
      await prisma.$disconnect()
      await pool.end().catch(() => undefined)
    },
  }
}

/** A Prisma client with a pool of its own that it ends on $disconnect, for scripts and tests. */
export function createPrisma(databaseUrl: string, options: Pick<DbOptions, 'poolSize'> = {}): PrismaClient {
  return prismaOn(newPool(databaseUrl, options.poolSize ?? 20), { named: true, disposeExternalPool: true })
}

function newPool(databaseUrl: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max })
  // An idle connection the server dropped leaves the pool by itself; the next query reports
  // trouble if there is any. Unhandled, the event would end the process.
  pool.on('error', () => undefined)
  return pool
}

interface PrismaOptions {
  named: boolean
  onQuery?: (sql: string) => void
  disposeExternalPool?: boolean
}

function prismaOn(pool: pg.Pool, { named, onQuery, disposeExternalPool }: PrismaOptions): PrismaClient {
  const nameOf = statementNames('sg')
  const naming = named ? { statementNameGenerator: ({ sql }: { sql: string }) => nameOf(sql) ?? '' } : {}
  const adapter = new PrismaPg(pool, { ...naming, disposeExternalPool })
  // Under a burst (hundreds of holds at once) waiting for a pooled connection takes longer than
  // Prisma's 2 s default; failing then would turn a busy moment into errors.
  const transactionOptions = { maxWait: 10_000, timeout: 15_000 }
  if (!onQuery) return new PrismaClient({ adapter, transactionOptions })
  const prisma = new PrismaClient({ adapter, transactionOptions, log: [{ emit: 'event', level: 'query' }] })
  prisma.$on('query', (e) => onQuery(e.query))
  return prisma
}
