import { log } from './env.ts'
import { loadServer, warmUp } from './load.ts'
import { forkChild } from './processes.ts'

/**
 * The hello-world yardstick of this run: a bare Yoga child loaded exactly like the benchmark's
 * target (same connections, duration, warm-up), then stopped so it does not compete for the CPU.
 */
export async function measureBaseline(shape: { connections: number; durationSeconds: number; warmupSeconds: number }) {
  const hello = await startHello()
  try {
    const opts = { url: `http://127.0.0.1:${hello.port}/graphql`, body: JSON.stringify({ query: '{ hello }' }), ...shape }
    await warmUp(opts, shape.warmupSeconds)
    const result = await loadServer(hello, opts)
    if (result.non2xx || result.errors) throw new Error(`baseline had ${result.non2xx} non-2xx and ${result.errors} errors`)
    log(`baseline: ${result.req_s} req/s, ${result.cpu_ms_per_req} ms CPU per request`)
    return result
  } finally {
    await hello.stop()
  }
}

export const ratio = (target: number, baseline: number) => Number((target / baseline).toFixed(3))

/** The hello-world child alone, for benchmarks that load it with their own client (bursts). */
export const startHello = () =>
  forkChild(new URL('./hello-process.ts', import.meta.url), { NODE_ENV: 'production' }, 'hello-world baseline')
