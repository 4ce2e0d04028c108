import os from 'node:os'
import { log } from './env.ts'

type Cleanup = () => Promise<unknown> | unknown

const cleanups: { what: string; fn: Cleanup }[] = []
let cleaning: Promise<void> | null = null

/** Registers something to undo (child process, database, Redis keys); undone last-in, first-out. */
export function onCleanup(what: string, fn: Cleanup) {
  cleanups.push({ what, fn })
}

function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    for (let c = cleanups.pop(); c; c = cleanups.pop()) {
      // Each step is bounded, so one stuck resource cannot keep the others (or the run) alive.
      const limit = new Promise((resolve) => setTimeout(resolve, 15_000, 'timed out').unref())
      const outcome = await Promise.race([Promise.resolve().then(c.fn).then(() => 'ok'), limit]).catch((e: unknown) => e)
      if (outcome !== 'ok') log(`cleanup of ${c.what}:`, outcome instanceof Error ? outcome.message : outcome)
    }
  })()
  return cleaning
}

/**
 * Runs one benchmark: its figures become the single JSON line on stdout; everything else goes to
 * stderr. Cleanup runs on success, failure and Ctrl-C alike, and a hard deadline ends a stuck run.
 */
export function runBenchmark(name: string, body: () => Promise<Record<string, unknown>>, deadlineSeconds = 600) {
  const deadline = setTimeout(() => {
    log(`${name}: exceeded ${deadlineSeconds}s, aborting`)
    void cleanupAll().finally(() => process.exit(2))
  }, deadlineSeconds * 1000)
  deadline.unref()
  const abort = (why: string, code: number) => {
    log(`${name}: ${why}, cleaning up`)
    void cleanupAll().finally(() => process.exit(code))
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort(signal, 130))
  // A stray rejection must not end the process before its databases and children are cleaned up.
  process.on('unhandledRejection', (err) => abort(`unhandled rejection: ${err instanceof Error ? err.stack : String(err)}`, 1))
  process.on('uncaughtException', (err) => abort(`uncaught exception: ${err.stack ?? err.message}`, 1))
  log(`${name}: load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`)
  body()
    .then(async (figures) => {
      await cleanupAll()
      // The machine is shared and noisy: the 1-minute load at the end says how much to trust a figure.
      process.stdout.write(`${JSON.stringify({ ...figures, load_avg_1m: Number(os.loadavg()[0]!.toFixed(2)) })}\n`)
      process.exitCode = 0
    })
    .catch(async (err: unknown) => {
      log(`${name} failed:`, err instanceof Error ? (err.stack ?? err.message) : err)
      await cleanupAll()
      process.exitCode = 1
    })
    .finally(() => {
      clearTimeout(deadline)
      // Sockets of pools and clients must not keep a finished run alive.
      setTimeout(() => process.exit(), 500).unref()
    })
}
