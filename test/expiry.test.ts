import { spawn } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { expireOverdue } from '../src/domain/booking/expire.ts'
import { expirationJobId } from '../src/jobs/queues.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { confirm, dbState, expectConsistent, hold, waitForStatus } from './support/booking-helpers.ts'
import { CancelBooking } from './support/operations.ts'
import { eventually, sleep } from './support/wait.ts'

const apps: TestApp[] = []
afterAll(() => Promise.all(apps.map((a) => a.close())))
async function app(env: Record<string, string>) {
  const a = await createTestApp(env)
  apps.push(a)
  return a
}
const minutes = (ms: number) => String(ms / 60_000)

describe('holds run out', () => {
  it('schedules the expiries of holds made together in one go, each with its id, delay and retries', async () => {
    const a = await app({})
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]
    await Promise.all(ids.map((id, i) => a.services.queues.scheduleExpiry(id, 60_000 * (i + 1))))
    for (const [i, id] of ids.entries()) {
      const job = await a.services.queues.expirations.getJob(expirationJobId(id))
      expect(job?.data).toEqual({ bookingId: id })
      expect(job?.opts).toMatchObject({ delay: 60_000 * (i + 1), attempts: 10, backoff: { type: 'exponential', delay: 1000 } })
      expect(await job?.getState()).toBe('delayed')
    }
    // The same booking again (a retried hold): still one job.
    await a.services.queues.scheduleExpiry(ids[0]!, 1000)
    expect(await a.services.queues.expirations.getDelayedCount()).toBe(3)
  })

  it('expires an unpaid hold on time and gives the seats back', async () => {
    const a = await app({ SEAT_LOCK_EXPIRY: minutes(1500) })
    await a.startWorker()
    const user = await a.factory.user()
    const show = await a.factory.show({ seats: 3 })
    const booking = await hold(a, user, show, [0, 1])
    const started = Date.now()
    const expired = await waitForStatus(a, user, booking.id, 'EXPIRED', 6000)
    expect(Date.now() - started).toBeLessThan(4000)
    expect(expired.payment.status).toBe('EXPIRED')
    expect(expired.seats.map((s) => s.status)).toEqual(['AVAILABLE', 'AVAILABLE'])
    expect((await dbState(a, show.id)).log.map((l) => l.reason)).toEqual(['LOCKED', 'EXPIRED'])
    expect(await confirm(a, user, booking.id)).toMatchObject({ code: 'HOLD_EXPIRED' })
    const cancel = await a.gql(CancelBooking, { input: { bookingId: booking.id } }, user.token)
    expect(cancel.data!.cancelBooking).toMatchObject({ code: 'INVALID_STATE' })
    await hold(a, await a.factory.user(), show, [0, 1])
    await expectConsistent(a, show.id)
  })

  it('keeps the seats of a booking whose payment is in flight past the hold', async () => {
    const a = await app({ SEAT_LOCK_EXPIRY: minutes(1000), PAYMENT_TIMEOUT: '15000', GATEWAY_LATENCY_MS: '2500' })
    await a.startWorker()
    const user = await a.factory.user()
    const show = await a.factory.show({ seats: 2 })
    const booking = await hold(a, user, show, [0, 1])
    expect((await confirm(a, user, booking.id)).__typename).toBe('ConfirmBookingSuccess')
    await sleep(1500) // the original hold is over; the payment is not
    expect((await dbState(a, show.id)).seats.map((s) => s.status)).toEqual(['LOCKED', 'LOCKED'])
    const done = await waitForStatus(a, user, booking.id, 'CONFIRMED', 8000)
    expect(done.seats.map((s) => s.status)).toEqual(['BOOKED', 'BOOKED'])
    expect((await dbState(a, show.id)).log.map((l) => l.reason)).toEqual(['LOCKED', 'BOOKED'])
  })

  it('refunds a payment that succeeds after its window closed, and never books', async () => {
    const a = await app({ SEAT_LOCK_EXPIRY: minutes(800), PAYMENT_TIMEOUT: '1200', GATEWAY_LATENCY_MS: '2500' })
    await a.startWorker()
    const user = await a.factory.user()
    const show = await a.factory.show({ seats: 2 })
    const booking = await hold(a, user, show, [0])
    await confirm(a, user, booking.id)
    await waitForStatus(a, user, booking.id, 'EXPIRED', 5000)
    const payment = await eventually(async () => {
      const p = await a.prisma.payment.findFirstOrThrow({ where: { orderId: booking.payment.orderId } })
      return p.status === 'REFUNDED' ? p : null
    }, 8000)
    const charge = await a.prisma.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: payment.id } })
    expect(charge.refunded).toBe(true)
    expect((await dbState(a, show.id)).seats[0]!.status).toBe('AVAILABLE')
    await expectConsistent(a, show.id)
  })

  it('expires holds whose expiry job never runs (paused queue) through the sweeper', async () => {
    const a = await app({ SEAT_LOCK_EXPIRY: minutes(1000), SWEEP_INTERVAL_MS: '1000' })
    await a.startWorker()
    await a.services.queues.expirations.pause()
    const user = await a.factory.user()
    const show = await a.factory.show({ seats: 2 })
    const booking = await hold(a, user, show, [0])
    await waitForStatus(a, user, booking.id, 'EXPIRED', 5000)
    expect((await dbState(a, show.id)).seats[0]!.status).toBe('AVAILABLE')
  })

  it('sweeps page after page in one go: holds that piled up behind a paused queue are not left for later sweeps', async () => {
    const a = await app({})
    const user = await a.factory.user()
    const show = await a.factory.show({ seats: 7 })
    for (let i = 0; i < 7; i++) await hold(a, user, show, [i])
    await a.prisma.$executeRaw`UPDATE bookings SET expires_at = now() WHERE show_id = ${show.id}::uuid`
    expect(await expireOverdue(a.services, { pageSize: 2, concurrency: 3 })).toBe(7)
    expect((await dbState(a, show.id)).seats.map((s) => s.status)).toEqual(Array(7).fill('AVAILABLE'))
    await expectConsistent(a, show.id)
  })
})

describe('a worker dies mid-payment', () => {
  it('is charged once and booked once after another worker takes the job over', async () => {
    const a = await app({ JOB_LOCK_MS: '1000', GATEWAY_LATENCY_MS: '1500' })
    const user = await a.factory.user()
    const show = await a.factory.show({ seats: 2 })
    const booking = await hold(a, user, show, [0, 1])
    const c = a.config
    const child = spawn(process.execPath, ['--import', 'tsx', 'worker.ts'], {
      env: {
        PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: c.databaseUrl, REDIS_URL: c.redisUrl, REDIS_PREFIX: c.redisPrefix,
        JWT_SECRET: c.jwtSecret, JOB_LOCK_MS: '1000', GATEWAY_LATENCY_MS: '1500', LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '5',
      },
      stdio: 'ignore',
    })
    try {
      await eventually(async () => (await a.services.queues.payments.getWorkers()).length > 0, 60_000)
      await confirm(a, user, booking.id)
      await eventually(async () => (await a.services.queues.payments.getJobCounts('active')).active === 1, 10_000, 20)
      child.kill('SIGKILL')
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    await a.startWorker({ JOB_LOCK_MS: '1000', GATEWAY_LATENCY_MS: '100' })
    await waitForStatus(a, user, booking.id, 'CONFIRMED', 15_000)
    const payment = await a.prisma.payment.findFirstOrThrow({ where: { orderId: booking.payment.orderId } })
    expect(await a.services.gateway.chargesFor(payment.id)).toBe(1)
    const state = await dbState(a, show.id)
    expect(state.log.map((l) => l.reason)).toEqual(['LOCKED', 'BOOKED'])
    expect(state.seats.map((s) => s.status)).toEqual(['BOOKED', 'BOOKED'])
  }, 120_000)
})
