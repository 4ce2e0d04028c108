/**
 * Where the tests find PostgreSQL and Redis: this machine's own services by default, or
 * TEST_DATABASE_URL (an admin connection) and TEST_REDIS_URL. Test-only: the application reads
 * its settings solely through src/config.
 */
export const TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL)
  url.pathname = `/${name}`
  return url.toString()
}
