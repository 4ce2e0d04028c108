import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client.ts'

export type Db = PrismaClient

/** One Prisma client per process (or per test database); its pg pool is the only database pool. */
export function createPrisma(databaseUrl: string, poolSize = 20): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize })
  return new PrismaClient({ adapter })
}
