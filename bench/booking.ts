/**
 * bench:booking — distinct 4-seat holds (bookSeats over HTTP) under 50 connections for 10 s,
 * against the hello-world baseline of the same run; then the database is checked for
 * double bookings. Targets: ratio ≥ 0.25, p99 < 50 ms, double_booked 0.
 */
import { measureBaseline, ratio } from './support/baseline.ts'
import { intKnob, loadShape, log } from './support/env.ts'
import { holdPlan, holdRequest } from './support/holds.ts'
import { countDoubleBookings, waitForQuiet } from './support/integrity.ts'
import { load, loadServer } from './support/load.ts'
import { runBenchmark } from './support/run.ts'
import { createShows, createUsers } from './support/seed.ts'
import { createStack, startServer } from './support/stack.ts'

const SEATS_PER_HOLD = 4
const SEATS_PER_SHOW = 400
const MAX_HELD_SEATS_PER_USER = 40

runBenchmark('booking', async () => {
  // A hold runs far more code than hello-world: after 3 s of warm-up TurboFan was still compiling
  // through the measurement (3.6 s of compile CPU inside an 8 s window), so both warm up for 10 s.
  const shape = loadShape({ warmupSeconds: 10 })
  const stack = await createStack('booking', { MAX_HELD_SEATS_PER_USER: String(MAX_HELD_SEATS_PER_USER) })
  // Room for far more holds than a run can make: the plan must never run dry mid-measurement.
  const shows = await createShows(stack, intKnob('BOOKING_SHOWS', 300), SEATS_PER_SHOW)
  // Ten holds per user at most: under the seat cap, and under the default per-user rate limit.
  const holdsPerUser = Math.floor(MAX_HELD_SEATS_PER_USER / SEATS_PER_HOLD)
  const capacity = shows.length * Math.floor(SEATS_PER_SHOW / SEATS_PER_HOLD)
  const users = await createUsers(stack, Math.ceil(capacity / holdsPerUser))
  const plan = holdPlan(shows, users, SEATS_PER_HOLD)
  log(`${shows.length} shows, ${users.length} users, room for ${plan.capacity} holds`)

  const baseline = await measureBaseline(shape)

  const api = await startServer(stack, 'api')
  const url = `http://127.0.0.1:${api.port}/graphql`
  const warmTally = new Map<string, number>()
  if (shape.warmupSeconds) {
    await load({ url, ...shape, durationSeconds: shape.warmupSeconds, requests: [holdRequest(plan, warmTally)] })
  }
  const tally = new Map<string, number>()
  const result = await loadServer(api, { url, ...shape, requests: [holdRequest(plan, tally)], maxRequests: plan.remaining() })
  log('answers (warm-up):', JSON.stringify(Object.fromEntries(warmTally)), '(measured):', JSON.stringify(Object.fromEntries(tally)))
  if (plan.remaining() === 0) log('WARNING: the hold plan ran dry; raise BOOKING_SHOWS')

  await waitForQuiet(stack)
  const violations = await countDoubleBookings(stack)
  log('double-booking check:', JSON.stringify(violations))
  const succeeded = tally.get('success') ?? 0
  const holdsPerSecond = Math.round(succeeded / result.seconds)
  return {
    holds_s: holdsPerSecond,
    p50_ms: result.p50_ms,
    p99_ms: result.p99_ms,
    baseline_req_s: baseline.req_s,
    ratio: ratio(holdsPerSecond, baseline.req_s),
    double_booked: violations.sharedSeats + violations.unheldBookings,
    failed: result.requests - succeeded,
    cpu_ms_per_req: result.cpu_ms_per_req,
    baseline_cpu_ms_per_req: baseline.cpu_ms_per_req,
  }
})
