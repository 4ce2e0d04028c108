import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client.ts'

export type Db = PrismaClient

export interface DbOptions {
  poolSize?: number
  /** Named (prepared) statements; off for poolers that cannot keep them (see config). */
  preparedStatements?: boolean
  /** Called with each SQL statement; tests use it to prove a query stays bounded (no N+1). */
  onQuery?: (sql: string) => void
}

/** One Prisma client per process (or per test database); its pg pool is the only database pool. */
export function createPrisma(databaseUrl: string, options: DbOptions = {}): PrismaClient {
  const naming = options.preparedStatements === false ? {} : { statementNameGenerator: statementNames() }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 20 }, naming)
  // Under a burst (hundreds of holds at once) waiting for a pooled connection takes longer than
  // Prisma's 2 s default; failing then would turn a busy moment into errors.
  const transactionOptions = { maxWait: 10_000, timeout: 15_000 }
  if (!options.onQuery) return new PrismaClient({ adapter, transactionOptions })
  const prisma = new PrismaClient({ adapter, transactionOptions, log: [{ emit: 'event', level: 'query' }] })
  prisma.$on('query', (e) => options.onQuery!(e.query))
  return prisma
}

/**
 * Names statements so that each connection parses and plans a statement once and then only binds
 * and executes it, as Prisma's former engine did with its statement cache: parsing and planning
 * were most of PostgreSQL's CPU per payment. Texts beyond the bound (generated IN-lists) stay
 * unnamed, so the cache cannot grow without end.
 */
function statementNames(limit = 500) {
  const names = new Map<string, string>()
  return ({ sql }: { sql: string }): string => {
    let name = names.get(sql)
    if (name === undefined && names.size < limit) names.set(sql, (name = `sg_${names.size}`))
    return name ?? ''
  }
}
