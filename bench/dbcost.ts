/**
 * bench:dbcost — what each step of a booking costs PostgreSQL and Redis, not how fast it goes:
 * N holds, then N confirms, N payment reads, N gateway charges and N settlements, each phase run
 * through the domain functions with CONCURRENCY in flight, and the CPU the database server,
 * Redis and this process spent per operation read from /proc (the servers must run on this host).
 * The evidence behind a change to a statement, an index or a constraint: the same figures before
 * and after, whatever else the machine is doing.
 */
import { pino } from 'pino'
import { loadConfig } from '../src/config/env.ts'
import { confirmBooking } from '../src/domain/booking/confirm.ts'
import { holdSeats } from '../src/domain/booking/hold.ts'
import { settleSuccess } from '../src/domain/booking/settle.ts'
import { findPaymentToSettle, type PaymentToSettle } from '../src/domain/booking/settle-batches.ts'
import { createServices, type ResolvedConfig } from '../src/services.ts'
import { forEachLimited } from './support/concurrency.ts'
import { intKnob, log } from './support/env.ts'
import { hostCpuWindow } from './support/host-cpu.ts'
import { onCleanup, runBenchmark } from './support/run.ts'
import { createShows, createUsers } from './support/seed.ts'
import { createStack } from './support/stack.ts'
import { round } from './support/stats.ts'

const N = intKnob('OPERATIONS', 2000)
const CONCURRENCY = intKnob('CONCURRENCY', 20)
const SEATS = intKnob('SEATS_PER_BOOKING', 2)
// Fewer seats per show, more shows: less contention on each show's version row.
const SEATS_PER_SHOW = intKnob('SEATS_PER_SHOW', 400)

runBenchmark('dbcost', async () => {
  const stack = await createStack('dbcost', { GATEWAY_LATENCY_MS: '0' })
  const config = loadConfig(stack.env) as ResolvedConfig
  const shows = await createShows(stack, Math.ceil((N * SEATS) / SEATS_PER_SHOW), SEATS_PER_SHOW)
  const users = await createUsers(stack, N)
  // Consecutive bookings go to different shows, as many as there are.
  const seatsOf = (i: number) => {
    const show = shows[i % shows.length]!
    const group = Math.floor(i / shows.length)
    return { showId: show.id, seatIds: show.seats.slice(group * SEATS, (group + 1) * SEATS).map((s) => s.id) }
  }
  const services = createServices(config, pino({ level: 'warn' }, pino.destination(2)), { poolSize: CONCURRENCY })
  onCleanup('services', () => services.close())

  const figures: Record<string, number | null> = {}
  async function phase(name: string, op: (i: number) => Promise<unknown>) {
    const window = hostCpuWindow(['postgres', 'redis-server'])
    const own = process.cpuUsage()
    const started = performance.now()
    await forEachLimited(users, CONCURRENCY, (_, i) => op(i))
    const seconds = (performance.now() - started) / 1000
    const cpu = window.stop()
    const used = process.cpuUsage(own)
    const ownMs = (used.user + used.system) / 1000
    const per = (ms: number | null) => (ms === null ? null : round(ms / N, 3))
    figures[`${name}_pg_ms`] = per(cpu.postgres!)
    figures[`${name}_redis_ms`] = per(cpu['redis-server']!)
    figures[`${name}_node_ms`] = per(ownMs)
    log(`${name}: ${N} in ${round(seconds)} s; per operation pg ${per(cpu.postgres!)} ms, redis ${per(cpu['redis-server']!)} ms, node ${per(ownMs)} ms`)
  }

  const bookings: string[] = new Array(N)
  const payments: PaymentToSettle[] = new Array(N)
  const charges: string[] = new Array(N)
  await phase('hold', async (i) => {
    bookings[i] = await holdSeats(services, { userId: users[i]!.id, ...seatsOf(i) })
  })
  await phase('confirm', (i) => confirmBooking(services, { userId: users[i]!.id, bookingId: bookings[i]!, paymentToken: 'tok_visa' }))
  const paymentIds = new Map(
    (await services.prisma.payment.findMany({ where: { bookingId: { in: bookings } }, select: { id: true, bookingId: true } })).map((p) => [p.bookingId, p.id]),
  )
  await phase('find', async (i) => {
    payments[i] = (await findPaymentToSettle(services, paymentIds.get(bookings[i]!)!))!
  })
  await phase('charge', async (i) => {
    const p = payments[i]!
    charges[i] = (await services.gateway.charge({ idempotencyKey: p.id, amount: p.amount, currency: p.currency, token: p.token })).chargeId
  })
  await phase('settle', async (i) => {
    const outcome = await settleSuccess(services, payments[i]!, charges[i]!)
    if (outcome !== 'BOOKED') throw new Error(`settlement ${i}: ${outcome}`)
  })
  return { operations: N, concurrency: CONCURRENCY, seats_per_booking: SEATS, ...figures }
})
