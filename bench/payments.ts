/**
 * bench:payments — 2,000 held bookings are confirmed and paid end to end: confirmBooking (domain
 * function, this process) queues a payment job; the worker (a child process, PAYMENT_CONCURRENCY
 * from config) charges the simulated gateway (GATEWAY_LATENCY_MS=50) and settles. Measured from the
 * first confirm until the database shows all 2,000 CONFIRMED (polled every 50 ms).
 * Target: ≥ 300 payments/s. `ratio` = payments/s over the hello-world req/s of the same run.
 */
import type pg from 'pg'
import { pino } from 'pino'
import { loadConfig } from '../src/config/env.ts'
import { confirmBooking } from '../src/domain/booking/confirm.ts'
import { holdSeats } from '../src/domain/booking/hold.ts'
import { createServices, type ResolvedConfig } from '../src/services.ts'
import { measureBaseline, ratio } from './support/baseline.ts'
import { forEachLimited, pollUntil, withRetries } from './support/concurrency.ts'
import { intKnob, loadShape, log } from './support/env.ts'
import { runBenchmark, onCleanup } from './support/run.ts'
import { createShows, createUsers, withDb } from './support/seed.ts'
import { createStack, startServer } from './support/stack.ts'
import { round } from './support/stats.ts'

const PAYMENTS = intKnob('PAYMENTS', 2000)
const SEATS_PER_BOOKING = 2
// As many callers as the load generator's pool has connections, so none waits for one.
const CLIENT_CONCURRENCY = intKnob('CONFIRM_CONCURRENCY', 20)
const MAX_ATTEMPTS = 5
// Seats per show: fewer means more shows, so settlements contend less for each show's version row.
const SEATS_PER_SHOW = intKnob('SEATS_PER_SHOW', 400)

runBenchmark('payments', async () => {
  const stack = await createStack('payments', {
    GATEWAY_LATENCY_MS: '50',
    // The worker's concurrency is the product's setting unless the caller overrides it.
    ...(process.env.PAYMENT_CONCURRENCY ? { PAYMENT_CONCURRENCY: process.env.PAYMENT_CONCURRENCY } : {}),
  })
  const config = loadConfig(stack.env) as ResolvedConfig
  const shows = await createShows(stack, Math.ceil((PAYMENTS * SEATS_PER_BOOKING) / SEATS_PER_SHOW), SEATS_PER_SHOW)
  const users = await createUsers(stack, PAYMENTS)
  const seats = shows.flatMap((s) => s.seats.map((seat) => ({ showId: s.id, seatId: seat.id })))

  const baseline = await measureBaseline(loadShape())

  // This process is the load generator: it calls the domain functions an API instance would.
  const services = createServices(config, pino({ level: 'warn' }, pino.destination(2)), { poolSize: 20 })
  onCleanup('load generator services', () => services.close())
  let retries = 0
  const retried = (what: string) => (err: unknown, attempt: number) => {
    retries++
    log(`${what} attempt ${attempt} failed (${err instanceof Error ? err.message.split('\n')[0] : err}); retrying`)
  }
  const bookings: string[] = new Array(PAYMENTS)
  const holdStart = performance.now()
  await forEachLimited(users, CLIENT_CONCURRENCY, async (user, i) => {
    const mine = seats.slice(i * SEATS_PER_BOOKING, (i + 1) * SEATS_PER_BOOKING)
    const hold = { userId: user.id, showId: mine[0]!.showId, seatIds: mine.map((s) => s.seatId), idempotencyKey: `bench-${i}` }
    bookings[i] = await withRetries(() => holdSeats(services, hold), MAX_ATTEMPTS, retried('hold'))
  })
  log(`${PAYMENTS} holds in ${round((performance.now() - holdStart) / 1000)} s`)

  const worker = await startServer(stack, 'worker')
  const confirmedIn = async (db: pg.Client) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE status = 'CONFIRMED'`)).rows[0]!.n

  const workerCpu = await worker.request<NodeJS.CpuUsage>('cpu')
  const ownCpu = process.cpuUsage()
  const started = performance.now()
  let confirmsDone = 0
  let confirmError: unknown = null
  const confirming = forEachLimited(users, CLIENT_CONCURRENCY, async (user, i) => {
    const confirm = { userId: user.id, bookingId: bookings[i]!, paymentToken: 'tok_visa' }
    await withRetries(() => confirmBooking(services, confirm), MAX_ATTEMPTS, retried('confirm'))
    confirmsDone++
  }).then(
    () => log(`all confirms returned after ${round((performance.now() - started) / 1000)} s`),
    // Kept, not thrown: the poll below stops on it and the run then fails with it.
    (err: unknown) => void (confirmError = err),
  )
  let seen = 0
  const timeoutMs = intKnob('PAYMENTS_TIMEOUT_S', 120) * 1000
  // One connection for the whole poll: a new one every 50 ms would fork a backend each time.
  const done = await withDb(stack, (db) =>
    pollUntil(async () => !!confirmError || (seen = await confirmedIn(db)) >= PAYMENTS, 50, timeoutMs),
  )
  const seconds = (performance.now() - started) / 1000
  await confirming
  if (confirmError) throw confirmError
  const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user + b.system - a.user - a.system) / 1000
  const workerCpuMs = cpuMs(workerCpu, await worker.request<NodeJS.CpuUsage>('cpu'))
  const confirmCpuMs = cpuMs(ownCpu, process.cpuUsage())
  if (!done) throw new Error(`only ${seen} of ${PAYMENTS} bookings CONFIRMED in time (${confirmsDone} confirms returned)`)

  const [failed] = await withDb(stack, async (db) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payments WHERE status <> 'SUCCEEDED'`)).rows,
  )
  const paymentsPerSecond = PAYMENTS / seconds
  return {
    payments: PAYMENTS,
    seconds: round(seconds, 3),
    payments_s: Math.round(paymentsPerSecond),
    concurrency: config.paymentConcurrency,
    gateway_latency_ms: config.gatewayLatencyMs,
    not_succeeded: failed!.n,
    retries,
    worker_cpu_ms_per_payment: round(workerCpuMs / PAYMENTS, 3),
    confirm_cpu_ms_per_payment: round(confirmCpuMs / PAYMENTS, 3),
    baseline_req_s: baseline.req_s,
    ratio: ratio(paymentsPerSecond, baseline.req_s),
  }
})
