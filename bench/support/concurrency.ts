export { forEachLimited } from '../../src/concurrency.ts'

/** Polls `check` every `everyMs` until it returns true; false if `timeoutMs` passes first. */
export async function pollUntil(check: () => Promise<boolean>, everyMs: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  return false
}

/**
 * Calls an idempotent `fn` up to `attempts` times, as a client would retry a failed request
 * (e.g. a server that found no database connection in time); `onRetry` counts and logs each retry.
 */
export async function withRetries<T>(fn: () => Promise<T>, attempts: number, onRetry: (err: unknown, attempt: number) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (err) {
      if (attempt >= attempts) throw err
      onRetry(err, attempt)
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt))
    }
  }
}
