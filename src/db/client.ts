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
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 20 })
  // Under a burst (hundreds of holds at once) waiting for a pooled connection takes longer than
  // Prisma's 2 s default; failing then would turn a busy moment into errors.
  const transactionOptions = { maxWait: 10_000, timeout: 15_000 }
  if (!options.onQuery) return new PrismaClient({ adapter, transactionOptions })
  const prisma = new PrismaClient({ adapter, transactionOptions, log: [{ emit: 'event', level: 'query' }] })
  prisma.$on('query', (e) => options.onQuery!(e.query))
  return prisma
}
