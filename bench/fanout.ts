/**
 * bench:fanout — SUBSCRIBERS (default 2,000) graphql-ws clients in a child process subscribe to one
 * show's seatMap; this process then drives EVENTS changes (bookSeats and cancelBooking in turn, every
 * EVENT_INTERVAL_MS) through the API child. Reports commit-to-receipt latency over every delivery,
 * version gaps, and the API process's retained memory (heap + external, after GC) per idle subscriber.
 * Targets at 2,000: p99 < 200 ms, ≤ 40 KB per subscriber, gaps 0.
 */
import { execFileSync } from 'node:child_process'
import { measureBaseline } from './support/baseline.ts'
import { pollUntil } from './support/concurrency.ts'
import { intKnob, loadShape, log } from './support/env.ts'
import { createGqlClient } from './support/graphql-client.ts'
import { BOOK_SEATS, classifyHold, type BookSeatsAnswer } from './support/holds.ts'
import { forkChild } from './support/processes.ts'
import { runBenchmark } from './support/run.ts'
import { createShows, createUsers, withDb } from './support/seed.ts'
import { createStack, startServer } from './support/stack.ts'
import { latencySummary, round } from './support/stats.ts'

const SUBSCRIBERS = intKnob('SUBSCRIBERS', 2000)
const EVENTS = intKnob('EVENTS', 200)
const INTERVAL_MS = intKnob('EVENT_INTERVAL_MS', 50)
const CANCEL = `mutation Cancel($input: CancelBookingInput!) { cancelBooking(input: $input) { __typename ... on Error { code message } } }`

type Memory = { rss: number; heapUsed: number; external: number }

runBenchmark('fanout', async () => {
  // Each subscriber is a socket at both ends; children inherit this limit.
  const fdLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim())
  if (fdLimit < SUBSCRIBERS + 500) throw new Error(`ulimit -n is ${fdLimit}: raise it above ${SUBSCRIBERS + 500} for ${SUBSCRIBERS} subscribers`)
  const stack = await createStack('fanout', {
    // Every subscriber comes from 127.0.0.1, and the event driver is one script, not a person.
    WS_MAX_CONNECTIONS: String(SUBSCRIBERS + 100),
    WS_MAX_CONNECTIONS_PER_IP: String(SUBSCRIBERS + 100),
    RATE_LIMIT_BOOK_SEATS: '0',
    RATE_LIMIT_USER_MUTATIONS: '0',
  })
  const [show] = await createShows(stack, 1, 200)
  const users = await createUsers(stack, 10)
  const baseline = await measureBaseline(loadShape())

  const api = await startServer(stack, 'api')
  const http = createGqlClient(api.port, 2)
  let cycle = 0
  /** One hold and its cancellation: two seat-map versions. */
  const change = async () => {
    const user = users[cycle % users.length]!
    const seat = show!.seats[cycle++ % show!.seats.length]!
    const held = await http.post<BookSeatsAnswer>(BOOK_SEATS, { input: { showId: show!.globalId, seatIds: [seat.globalId] } }, user.token)
    const booking = held.body.data?.bookSeats?.booking
    if (!booking) throw new Error(`hold refused: ${classifyHold(held.body)}`)
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS))
    const cancelled = await http.post<{ cancelBooking: { __typename: string } }>(CANCEL, { input: { bookingId: booking.id } }, user.token)
    if (cancelled.body.data?.cancelBooking.__typename !== 'CancelBookingSuccess') throw new Error(`cancel refused: ${JSON.stringify(cancelled.body)}`)
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS))
  }
  const version = () => withDb(stack, async (db) => (await db.query<{ v: number }>('SELECT seat_map_version AS v FROM shows')).rows[0]!.v)

  for (let i = 0; i < 3; i++) await change() // warm the mutation paths before measuring memory
  const startVersion = await version()
  const before = await api.request<Memory>('memory')

  const subs = await forkChild(new URL('./support/subscribers-process.ts', import.meta.url), {
    BENCH_WS_URL: `ws://127.0.0.1:${api.port}/graphql`,
    BENCH_SUBSCRIBERS: String(SUBSCRIBERS),
    BENCH_SHOW_ID: show!.globalId,
    BENCH_START_VERSION: String(startVersion),
  }, `${SUBSCRIBERS} subscribers`, 180_000)
  const status = await subs.request<{ connected: number; failed: number }>('status')
  log('subscribers:', JSON.stringify(status))
  const attached = await pollUntil(async () => (await api.request<number>('subscribers')) >= status.connected, 100, 60_000)
  if (!attached || status.connected === 0) throw new Error(`server registered ${await api.request('subscribers')} of ${status.connected} subscriptions`)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const after = await api.request<Memory>('memory')

  const cpuBefore = await api.request<NodeJS.CpuUsage>('cpu')
  const started = performance.now()
  for (let i = 0; i < Math.ceil(EVENTS / 2); i++) await change()
  const streamSeconds = (performance.now() - started) / 1000
  const cpu = await api.request<NodeJS.CpuUsage>('cpu')
  const finalVersion = await version()
  const events = finalVersion - startVersion
  log(`${events} events in ${round(streamSeconds)} s; API CPU ${round((cpu.user + cpu.system - cpuBefore.user - cpuBefore.system) / 1000 / events)} ms per event`)

  const results = await subs.request<{ latencies: Float64Array; gaps: number; failed: number; failures: string[] }>(
    'results', { finalVersion, timeoutMs: 30_000 }, 60_000)
  if (results.failed) log('failed subscribers:', results.failed, JSON.stringify(results.failures))
  http.close()
  const latency = latencySummary(results.latencies)
  const perSubscriberKb = (bytes: number) => round(bytes / status.connected / 1024, 1)
  return {
    subscribers: status.connected,
    events,
    ...latency,
    deliveries: results.latencies.length,
    expected_deliveries: status.connected * events,
    gaps: results.gaps,
    // JS heap + external memory: RSS proved unreliable here (pages the allocator kept from start-up
    // are reused, so RSS growth came out near zero or negative); it is reported beside for reference.
    kb_per_subscriber: perSubscriberKb(after.heapUsed + after.external - before.heapUsed - before.external),
    rss_kb_per_subscriber: perSubscriberKb(after.rss - before.rss),
    failed_subscribers: status.failed + results.failed,
    fd_limit: fdLimit,
    baseline_req_s: baseline.req_s,
  }
})
