import { createHash } from 'node:crypto'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client.ts'

export type Db = PrismaClient

export interface DbOptions {
  poolSize?: number
  /** Called with each SQL statement; tests use it to prove a query stays bounded (no N+1). */
  onQuery?: (sql: string) => void
}

/** One Prisma client per process (or per test database); its pg pool is the only database pool. */
export function createPrisma(databaseUrl: string, options: DbOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 20 }, { statementNameGenerator: statementName })
  // Under a burst (hundreds of holds at once) waiting for a pooled connection takes longer than
  // Prisma's 2 s default; failing then would turn a busy moment into errors.
  const transactionOptions = { maxWait: 10_000, timeout: 15_000 }
  if (!options.onQuery) return new PrismaClient({ adapter, transactionOptions })
  const prisma = new PrismaClient({ adapter, transactionOptions, log: [{ emit: 'event', level: 'query' }] })
  prisma.$on('query', (e) => options.onQuery!(e.query))
  return prisma
}

/**
 * Raw SQL that starts with a `-- prepared` line runs as a named prepared statement: PostgreSQL
 * parses and plans it once per connection instead of on every call. Opt-in, for a few hot
 * statements, because every name stays prepared for the life of its connection. An empty name
 * is pg's unnamed statement, as before.
 */
const PREPARED = '-- prepared'
const names = new Map<string, string>()

function statementName({ sql }: { sql: string }): string {
  if (!sql.trimStart().startsWith(PREPARED)) return ''
  let name = names.get(sql)
  if (!name) names.set(sql, (name = `sg_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`))
  return name
}
