import { execFile } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paymentJobId } from '../src/jobs/queues.ts'
import { parseGlobalId } from '../src/schema/global-id.ts'
import { graphql } from './gql/index.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { hold, waitForStatus } from './support/booking-helpers.ts'
import { ConfirmBooking } from './support/operations.ts'
import { eventually, sleep } from './support/wait.ts'

const SignUp = graphql(`
  mutation AdminSignUp($input: SignUpInput!) {
    signUp(input: $input) { __typename ... on AuthSuccess { token user { role } } ... on Error { code } }
  }
`)
const LogIn = graphql(`mutation AdminLogIn($input: LogInInput!) { logIn(input: $input) { ... on AuthSuccess { token user { role } } } }`)
const QueueStats = graphql(`query AdminQueueStats { queueStats { queue paused waiting active delayed completed failed } }`)
const FailedJobs = graphql(`
  query AdminFailedJobs($queue: QueueName!, $first: Int, $offset: Int) {
    failedJobs(queue: $queue, first: $first, offset: $offset) { id queue name state data attemptsMade failedReason createdAt finishedAt }
  }
`)
const RetryJob = graphql(`mutation AdminRetryJob($queue: QueueName!, $jobId: ID!) { retryJob(queue: $queue, jobId: $jobId) { id queue state } }`)
const PauseQueue = graphql(`mutation AdminPauseQueue($queue: QueueName!) { pauseQueue(queue: $queue) { queue paused } }`)
const ResumeQueue = graphql(`mutation AdminResumeQueue($queue: QueueName!) { resumeQueue(queue: $queue) { queue paused } }`)

let app: TestApp
let admin: Awaited<ReturnType<TestApp['factory']['user']>>
beforeAll(async () => {
  app = await createTestApp()
  // The sweeper every second, for the paused-EXPIRATIONS test.
  await app.startWorker({ SWEEP_INTERVAL_MS: '1000' })
  admin = await app.factory.user({ role: 'ADMIN' })
})
afterAll(() => app?.close())

const dbId = (globalId: string, type: 'Booking' | 'Payment') => parseGlobalId(globalId, type)!
const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code

describe('queue admin', () => {
  it('is for admins only: no token is UNAUTHENTICATED, a user FORBIDDEN', async () => {
    const user = await app.factory.user()
    const operations = [
      () => [QueueStats, {}] as const,
      () => [FailedJobs, { queue: 'PAYMENTS' }] as const,
      () => [RetryJob, { queue: 'PAYMENTS', jobId: 'pay-x' }] as const,
      () => [PauseQueue, { queue: 'PAYMENTS' }] as const,
      () => [ResumeQueue, { queue: 'EXPIRATIONS' }] as const,
    ]
    for (const op of operations) {
      const [doc, vars] = op()
      expect(codeOf(await app.gql(doc as never, vars as never))).toBe('UNAUTHENTICATED')
      expect(codeOf(await app.gql(doc as never, vars as never, user.token))).toBe('FORBIDDEN')
    }
    expect(await app.services.queues.payments.isPaused()).toBe(false)
  })

  it('reports the counts of both queues', async () => {
    const res = await app.gql(QueueStats, {}, admin.token)
    expect(res.errors).toBeUndefined()
    expect(res.data!.queueStats.map((q) => q.queue)).toEqual(['PAYMENTS', 'EXPIRATIONS'])
    for (const q of res.data!.queueStats) {
      expect(q).toMatchObject({ paused: false, active: expect.any(Number), failed: expect.any(Number) })
    }
  })

  it('lists payments that exhausted their attempts; a retry after the outage confirms each, charging once', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 4 })
    const bookings = [await hold(app, user, show, [0]), await hold(app, user, show, [1])]
    for (const b of bookings) {
      expect((await app.gql(ConfirmBooking, { input: { bookingId: b.id, paymentToken: 'tok_down' } }, user.token)).data!.confirmBooking.__typename).toBe('ConfirmBookingSuccess')
    }
    const paymentIds = bookings.map((b) => dbId(b.payment.id, 'Payment'))
    const jobIds = paymentIds.map(paymentJobId)
    // 5 attempts with backoff 0.5 + 1 + 2 + 4 s.
    const failed = await eventually(async () => {
      const res = await app.gql(FailedJobs, { queue: 'PAYMENTS', first: 10 }, admin.token)
      const jobs = res.data?.failedJobs.filter((j) => jobIds.includes(j.id)) ?? []
      return jobs.length === 2 ? jobs : null
    }, 25_000, 250)
    for (const job of failed) {
      expect(job).toMatchObject({ queue: 'PAYMENTS', name: 'charge', state: 'FAILED', attemptsMade: 5, failedReason: 'Payment gateway unavailable.' })
      expect(JSON.parse(job.data)).toMatchObject({ paymentId: expect.any(String), bookingId: expect.any(String) })
      expect(job.finishedAt).not.toBeNull()
    }
    const page1 = await app.gql(FailedJobs, { queue: 'PAYMENTS', first: 1, offset: 0 }, admin.token)
    const page2 = await app.gql(FailedJobs, { queue: 'PAYMENTS', first: 1, offset: 1 }, admin.token)
    expect(page1.data!.failedJobs).toHaveLength(1)
    expect(page2.data!.failedJobs[0]!.id).not.toBe(page1.data!.failedJobs[0]!.id)
    expect((await app.gql(QueueStats, {}, admin.token)).data!.queueStats[0]!.failed).toBeGreaterThanOrEqual(2)
    for (const id of paymentIds) expect(await app.services.gateway.chargesFor(id)).toBe(0)

    // The gateway is back for these cards: the admin re-queues both jobs.
    await app.prisma.payment.updateMany({ where: { id: { in: paymentIds } }, data: { paymentToken: 'tok_visa' } })
    for (const jobId of jobIds) {
      const retried = await app.gql(RetryJob, { queue: 'PAYMENTS', jobId }, admin.token)
      expect(retried.errors).toBeUndefined()
      expect(retried.data!.retryJob).toMatchObject({ id: jobId, queue: 'PAYMENTS' })
      expect(retried.data!.retryJob.state).not.toBe('FAILED')
    }
    for (const b of bookings) expect((await waitForStatus(app, user, b.id, 'CONFIRMED')).bookingCode).toBeTruthy()
    for (const id of paymentIds) expect(await app.services.gateway.chargesFor(id)).toBe(1)

    // Retrying again is refused (the job completed) and charges nothing more.
    const again = await app.gql(RetryJob, { queue: 'PAYMENTS', jobId: jobIds[0]! }, admin.token)
    expect(codeOf(again)).toBe('INVALID_STATE')
    await app.services.queues.payments.add('charge', { paymentId: paymentIds[0]!, bookingId: dbId(bookings[0]!.id, 'Booking') })
    await sleep(500)
    expect(await app.services.gateway.chargesFor(paymentIds[0]!)).toBe(1)
  }, 40_000)

  it('answers an unknown job with NOT_FOUND and bad paging with VALIDATION', async () => {
    const unknown = await app.gql(RetryJob, { queue: 'EXPIRATIONS', jobId: 'expire-nothing' }, admin.token)
    expect(codeOf(unknown)).toBe('NOT_FOUND')
    expect(unknown.errors![0]!.message).toBe('No job expire-nothing in the EXPIRATIONS queue.')
    for (const [first, offset] of [[0, 0], [101, 0], [-1, 0], [10, -1]] as const) {
      expect(codeOf(await app.gql(FailedJobs, { queue: 'PAYMENTS', first, offset }, admin.token))).toBe('VALIDATION')
    }
  })

  it('pauses PAYMENTS for every process until resumed', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 2 })
    const paused = await app.gql(PauseQueue, { queue: 'PAYMENTS' }, admin.token)
    expect(paused.data!.pauseQueue).toEqual({ queue: 'PAYMENTS', paused: true })
    await app.listen()
    const other = await app.listen() // the second instance has services (and Redis connections) of its own
    expect(await other.services.queues.payments.isPaused()).toBe(true)
    try {
      const booking = await hold(app, user, show, [0])
      await app.gql(ConfirmBooking, { input: { bookingId: booking.id, paymentToken: 'tok_visa' } }, user.token)
      await sleep(1000)
      expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: dbId(booking.id, 'Booking') } })).status).toBe('PENDING_PAYMENT')
      expect((await app.gql(QueueStats, {}, admin.token)).data!.queueStats[0]).toMatchObject({ paused: true, waiting: 1 })
      const resumed = await app.gql(ResumeQueue, { queue: 'PAYMENTS' }, admin.token)
      expect(resumed.data!.resumeQueue).toEqual({ queue: 'PAYMENTS', paused: false })
      await waitForStatus(app, user, booking.id, 'CONFIRMED')
    } finally {
      await app.services.queues.payments.resume()
    }
  })

  it('still expires holds while EXPIRATIONS is paused: the sweeper runs on its own queue', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 2 })
    expect((await app.gql(PauseQueue, { queue: 'EXPIRATIONS' }, admin.token)).data!.pauseQueue.paused).toBe(true)
    try {
      const booking = await hold(app, user, show, [0])
      // Its hold runs out now (its expiry job waits in the paused queue, 5 minutes away).
      const id = dbId(booking.id, 'Booking')
      await app.prisma.$executeRaw`UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = ${id}::uuid`
      await app.prisma.$executeRaw`UPDATE seats SET lock_expires_at = now() - interval '1 second' WHERE booking_id = ${id}::uuid`
      await waitForStatus(app, user, booking.id, 'EXPIRED', 10_000)
      const seat = await app.prisma.seat.findUniqueOrThrow({ where: { id: show.seats[0]!.id } })
      expect(seat.status).toBe('AVAILABLE')
      expect((await app.gql(QueueStats, {}, admin.token)).data!.queueStats[1]!.paused).toBe(true)
    } finally {
      expect((await app.gql(ResumeQueue, { queue: 'EXPIRATIONS' }, admin.token)).data!.resumeQueue.paused).toBe(false)
    }
  })
})

/** Runs `npm run admin:create -- …` against this file's database. */
function adminCreate(args: string[], stdin?: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/admin-create.ts', ...args],
      { env: { ...process.env, DATABASE_URL: app.config.databaseUrl, NODE_ENV: 'test' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
    )
    child.stdin!.end(stdin ?? '')
  })
}

describe('admin accounts', () => {
  it('signUp always makes a USER, whatever the input says', async () => {
    const input = { email: `new-${crypto.randomUUID()}@test.dev`, password: 'a-fine-password-1', name: 'New' }
    const res = await app.gql(SignUp, { input }, admin.token)
    expect(res.data!.signUp).toMatchObject({ __typename: 'AuthSuccess', user: { role: 'USER' } })
    const sneaky = await app.gql(`mutation { signUp(input: { email: "x-${crypto.randomUUID()}@test.dev", password: "a-fine-password-1", name: "X", role: ADMIN }) { __typename } }`)
    expect(codeOf(sneaky)).toBe('GRAPHQL_VALIDATION_FAILED')
    const token = (res.data!.signUp as { token: string }).token
    expect(codeOf(await app.gql(QueueStats, {}, token))).toBe('FORBIDDEN')
  })

  it('npm run admin:create creates an admin, promotes a user, and refuses weak passwords', async () => {
    const email = `ops-${crypto.randomUUID().slice(0, 8)}@test.dev`
    const weak = ['short1A!', 'alllowercaseletters', 'Password-123456', `${email.split('@')[0]}Xy9!-Kq`]
    for (const r of await Promise.all(weak.map((w) => adminCreate(['--email', email, '--password', w])))) {
      expect(r).toMatchObject({ code: 1, out: expect.stringMatching(/too weak/) })
    }
    expect(await app.prisma.user.count({ where: { email } })).toBe(0)

    const created = await adminCreate(['--email', email, '--password', 'Vq7!tram-Lantern', '--name', 'Ops'])
    expect(created).toMatchObject({ code: 0, out: expect.stringMatching(/created/) })
    const login = await app.gql(LogIn, { input: { email, password: 'Vq7!tram-Lantern' } })
    expect(login.data!.logIn).toMatchObject({ user: { role: 'ADMIN' } })
    expect(codeOf(await app.gql(QueueStats, {}, (login.data!.logIn as { token: string }).token))).toBeUndefined()

    const user = await app.factory.user()
    const [promoted, fromStdin, nobody] = await Promise.all([
      adminCreate(['--email', user.email]),
      adminCreate(['--email', `stdin-${email}`, '--password', '-'], 'correct Horse battery 9\n'),
      adminCreate(['--email', `nobody-${email}`]),
    ])
    expect(promoted).toMatchObject({ code: 0, out: expect.stringMatching(/promoted to ADMIN/) })
    expect(await app.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ role: 'ADMIN', passwordHash: user.passwordHash })
    expect(fromStdin.code).toBe(0)
    expect(await app.prisma.user.findUniqueOrThrow({ where: { email: `stdin-${email}` } })).toMatchObject({ role: 'ADMIN' })
    expect(nobody).toMatchObject({ code: 1, out: expect.stringMatching(/give --password/) })
  }, 120_000)
})
