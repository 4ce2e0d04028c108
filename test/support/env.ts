import { inject } from 'vitest'

/**
 * Where the tests find PostgreSQL (an admin connection) and Redis: TEST_DATABASE_URL and
 * TEST_REDIS_URL, else this machine's own services, else embedded ones the global setup starts.
 */
export const TEST_PG_ADMIN_URL = inject('testPgAdminUrl')
export const TEST_REDIS_URL = inject('testRedisUrl')

export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL)
  url.pathname = `/${name}`
  return url.toString()
}

declare module 'vitest' {
  export interface ProvidedContext {
    testPgAdminUrl: string
    testRedisUrl: string
  }
}
