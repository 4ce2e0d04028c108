import autocannon, { type Request } from 'autocannon'
import { log } from './env.ts'
import type { BenchChild } from './processes.ts'

export interface LoadOptions {
  url: string
  connections: number
  durationSeconds: number
  /** A fixed POST body, or per-request bodies through `requests` (autocannon's setupRequest). */
  body?: string
  headers?: Record<string, string>
  requests?: Request[]
  /** Stop after this many requests even if time remains (e.g. when the distinct inputs run out). */
  maxRequests?: number
}

export interface LoadResult {
  req_s: number
  p50_ms: number
  p99_ms: number
  requests: number
  seconds: number
  non2xx: number
  errors: number
  timeouts: number
}

/** One autocannon run against a 127.0.0.1 target; latencies are autocannon's (whole milliseconds). */
export async function load(opts: LoadOptions): Promise<LoadResult> {
  if (new URL(opts.url).hostname !== '127.0.0.1') throw new Error(`refusing a non-local target: ${opts.url}`)
  const result = await autocannon({
    url: opts.url,
    method: 'POST',
    connections: opts.connections,
    duration: opts.durationSeconds,
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: opts.body,
    requests: opts.requests,
    maxOverallRequests: opts.maxRequests,
    timeout: 10,
  })
  const seconds = result.duration
  const figures = {
    // Completed responses over the real elapsed time: autocannon's per-second average drops the
    // last partial second, which matters for runs cut short by maxRequests.
    req_s: Math.round(result.requests.total / seconds),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests: result.requests.total,
    seconds,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }
  const { p75, p90, p97_5, p99_9, max } = result.latency
  log('autocannon', opts.url, JSON.stringify(figures), 'latency ms', JSON.stringify({ p75, p90, p97_5, p99_9, max }))
  return figures
}

/** A short run that is thrown away: JIT, pools and caches warm up before anything is measured. */
export async function warmUp(opts: LoadOptions, seconds: number) {
  if (seconds > 0) await load({ ...opts, durationSeconds: seconds })
}

/**
 * A run against a child server that also reports the server's CPU time per completed request:
 * contention on a shared machine stretches latency and cuts throughput, but CPU per request moves
 * much less, so it is the steadier figure to compare with the baseline's.
 */
export async function loadServer(server: BenchChild, opts: LoadOptions): Promise<LoadResult & { cpu_ms_per_req: number }> {
  const before = await server.request<NodeJS.CpuUsage>('cpu')
  const result = await load(opts)
  const after = await server.request<NodeJS.CpuUsage>('cpu')
  const cpuMs = (after.user + after.system - before.user - before.system) / 1000
  return { ...result, cpu_ms_per_req: Number((cpuMs / Math.max(1, result.requests)).toFixed(3)) }
}
