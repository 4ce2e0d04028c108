/**
 * bench:seatmap — reads of one 200-seat show's seat map under 50 connections for 10 s, against a
 * hello-world Yoga loaded the same way in the same run. Target: ratio ≥ 0.5.
 */
import { measureBaseline, ratio } from './support/baseline.ts'
import { loadShape, log } from './support/env.ts'
import { createGqlClient } from './support/graphql-client.ts'
import { loadServer, warmUp } from './support/load.ts'
import { runBenchmark } from './support/run.ts'
import { createShows } from './support/seed.ts'
import { createStack, startServer } from './support/stack.ts'

const SEATS = 200

runBenchmark('seatmap', async () => {
  const shape = loadShape()
  const stack = await createStack('seatmap')
  const [show] = await createShows(stack, 1, SEATS)
  const query = `{ show(id: "${show!.globalId}") { seatMap { version seats { id seatNumber status } } } }`

  const baseline = await measureBaseline(shape)

  const api = await startServer(stack, 'api')
  // A load test of error responses would measure nothing: check one answer first.
  const client = createGqlClient(api.port, 1)
  const probe = await client.post<{ show: { seatMap: { seats: unknown[] } } }>(query)
  client.close()
  if (probe.body.data?.show.seatMap.seats.length !== SEATS) throw new Error(`unexpected answer: ${JSON.stringify(probe.body).slice(0, 300)}`)

  const opts = { url: `http://127.0.0.1:${api.port}/graphql`, body: JSON.stringify({ query }), ...shape }
  await warmUp(opts, shape.warmupSeconds)
  const result = await loadServer(api, opts)
  if (result.non2xx || result.errors || result.timeouts) log(`seatmap: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`)

  return {
    seatmap_req_s: result.req_s,
    p50_ms: result.p50_ms,
    p99_ms: result.p99_ms,
    baseline_req_s: baseline.req_s,
    ratio: ratio(result.req_s, baseline.req_s),
    errors: result.non2xx + result.errors + result.timeouts,
    cpu_ms_per_req: result.cpu_ms_per_req,
    baseline_cpu_ms_per_req: baseline.cpu_ms_per_req,
  }
})
