/**
 * bench:hotseat — 1,000 users ask for the same seat at the same moment (bookSeats over a
 * keep-alive pool). Exactly one may win; the other 999 must hear SeatsUnavailableError; the
 * database must show one live booking on the seat. The hello-world baseline is the same burst of
 * 1,000 `{ hello }` through the same pool, so `ratio` compares burst throughput.
 */
import { ratio, startHello } from './support/baseline.ts'
import { intKnob, log } from './support/env.ts'
import { createGqlClient, type GqlResponse } from './support/graphql-client.ts'
import { BOOK_SEATS, classifyHold, type BookSeatsAnswer } from './support/holds.ts'
import { waitForQuiet } from './support/integrity.ts'
import type { BenchChild } from './support/processes.ts'
import { runBenchmark } from './support/run.ts'
import { createShows, createUsers, withDb } from './support/seed.ts'
import { createStack, startServer } from './support/stack.ts'
import { latencySummary, round } from './support/stats.ts'

const REQUESTS = intKnob('HOTSEAT_REQUESTS', 1000)
const POOL = intKnob('HOTSEAT_POOL', 200)
const WARM_HOLDS = 10

/** Fires `count` requests at once on a warmed pool: the answers, the burst's length, server CPU per request. */
async function burst(server: BenchChild, count: number, send: (c: ReturnType<typeof createGqlClient>, i: number) => Promise<GqlResponse<unknown>>) {
  const client = createGqlClient(server.port, POOL)
  try {
    await client.warm()
    const cpu = await server.request<NodeJS.CpuUsage>('cpu')
    const started = performance.now()
    const answers = await Promise.all(Array.from({ length: count }, (_, i) => send(client, i)))
    const seconds = (performance.now() - started) / 1000
    const used = await server.request<NodeJS.CpuUsage>('cpu')
    return { answers, seconds, cpuMsPerRequest: round((used.user + used.system - cpu.user - cpu.system) / 1000 / count, 3) }
  } finally {
    client.close()
  }
}

runBenchmark('hotseat', async () => {
  const stack = await createStack('hotseat')
  const [show] = await createShows(stack, 1, 20)
  const users = await createUsers(stack, REQUESTS + WARM_HOLDS)
  const seat = show!.seats[0]!
  const hold = (token: string, seatId: string) => (c: ReturnType<typeof createGqlClient>) =>
    c.post<BookSeatsAnswer>(BOOK_SEATS, { input: { showId: show!.globalId, seatIds: [seatId] } }, token)

  const hello = await startHello()
  const base = await burst(hello, REQUESTS, (c) => c.post('{ hello }'))
  await hello.stop()
  const baseLatency = latencySummary(base.answers.map((a) => a.ms))
  log(`baseline burst: ${round(base.seconds, 3)} s, ${JSON.stringify(baseLatency)}`)

  const api = await startServer(stack, 'api')
  // Warm the hold path (other seats, other users) so the burst does not measure a cold start.
  const warm = await burst(api, WARM_HOLDS, (c, i) => hold(users[REQUESTS + i]!.token, show!.seats[1 + i]!.globalId)(c))
  log('warm-up holds:', warm.answers.map((a) => classifyHold(a.body as never)).join(' '))

  const run = await burst(api, REQUESTS, (c, i) => hold(users[i]!.token, seat.globalId)(c))
  const kinds = run.answers.map((a) => classifyHold(a.body as never))
  const count = (k: string) => kinds.filter((x) => x === k).length
  const others = kinds.filter((k) => k !== 'success' && k !== 'unavailable')
  if (others.length) log('other answers:', JSON.stringify([...new Set(others)].slice(0, 5)))

  await waitForQuiet(stack)
  const holders = await withDb(stack, async (db) => {
    const { rows } = await db.query<{ n: number; locked_by_it: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE s.status = 'LOCKED' AND s.booking_id = b.id)::int AS locked_by_it
         FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id JOIN seats s ON s.id = bs.seat_id
        WHERE bs.seat_id = $1 AND b.status IN ('PENDING_PAYMENT', 'CONFIRMED')`,
      [seat.id],
    )
    return rows[0]!
  })
  log('database:', JSON.stringify(holders))
  const latency = latencySummary(run.answers.map((a) => a.ms))
  const reqPerSecond = REQUESTS / run.seconds
  return {
    requests: REQUESTS,
    succeeded: count('success'),
    unavailable: count('unavailable'),
    errors: others.length,
    p50_ms: latency.p50_ms,
    p99_ms: latency.p99_ms,
    db_live_bookings: holders.n,
    db_seat_locked_by_winner: holders.n === 1 && holders.locked_by_it === 1,
    burst_s: round(run.seconds, 3),
    cpu_ms_per_req: run.cpuMsPerRequest,
    baseline_cpu_ms_per_req: base.cpuMsPerRequest,
    baseline_p50_ms: baseLatency.p50_ms,
    baseline_p99_ms: baseLatency.p99_ms,
    baseline_req_s: Math.round(REQUESTS / base.seconds),
    ratio: ratio(reqPerSecond, REQUESTS / base.seconds),
  }
})
