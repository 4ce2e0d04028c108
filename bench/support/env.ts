/**
 * Where the benchmarks find PostgreSQL and Redis (this machine's own by default) and the knobs a
 * run may turn. Benchmarks are tooling, so they read the environment here; the application's
 * settings still go through src/config/env.ts in every process.
 */
export const BENCH_PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A non-negative integer knob, e.g. `SUBSCRIBERS=5000`; a bad value fails the run loudly. */
export function intKnob(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer (got ${JSON.stringify(raw)})`)
  return n
}

/**
 * Load shape shared by a benchmark and its hello-world baseline, so the ratio compares like with
 * like. A benchmark whose server runs much more code may ask for a longer warm-up (for both).
 */
export const loadShape = ({ warmupSeconds = 3 } = {}) => ({
  connections: intKnob('BENCH_CONNECTIONS', 50),
  durationSeconds: intKnob('BENCH_SECONDS', 10),
  warmupSeconds: intKnob('BENCH_WARMUP_SECONDS', warmupSeconds),
})

export function databaseUrl(name: string): string {
  const url = new URL(BENCH_PG_ADMIN_URL)
  url.pathname = `/${name}`
  return url.toString()
}

export const log = (...parts: unknown[]) => console.error('[bench]', ...parts)
