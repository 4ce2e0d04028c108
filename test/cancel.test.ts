import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Job } from 'bullmq'
import { expireBooking } from '../src/domain/booking/expire.ts'
import { processMaintenance } from '../src/jobs/maintenance/processor.ts'
import { processPayment } from '../src/jobs/payments/processor.ts'
import type { PaymentJobData } from '../src/jobs/queues.ts'
import { parseGlobalId } from '../src/schema/global-id.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { confirm, hold } from './support/booking-helpers.ts'
import { CancelBooking, ConfirmBooking } from './support/operations.ts'
import { eventually } from './support/wait.ts'

// No worker here: each test moves the payment itself, at the moment it needs to.
let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app?.close())

type Tx = Parameters<Parameters<TestApp['prisma']['$transaction']>[0]>[0]
type PaymentRow = { id: string; amount: number; currency: string }

/** What the worker's sale commits (charged, paid, seats sold), written directly: no worker runs here. */
async function sell(tx: Tx, bookingId: string, payment: PaymentRow) {
  await tx.gatewayCharge.create({ data: { idempotencyKey: payment.id, chargeId: `ch_${payment.id}`, amount: payment.amount, currency: payment.currency } })
  await tx.payment.update({ where: { id: payment.id }, data: { status: 'SUCCEEDED', gatewayChargeId: `ch_${payment.id}` } })
  await tx.booking.update({ where: { id: bookingId }, data: { status: 'CONFIRMED', bookingCode: `T${bookingId.slice(0, 7).toUpperCase()}` } })
  await tx.seat.updateMany({ where: { bookingId }, data: { status: 'BOOKED', lockExpiresAt: null } })
}

/** The payment job as BullMQ would hand it to the processor. */
const paymentJob = (paymentId: string, bookingId: string) => ({ data: { paymentId, bookingId } }) as Job<PaymentJobData>

/** Until a statement of this test's database waits for a row lock. */
const waitingForLock = () =>
  eventually(async () => {
    const [w] = await app.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
    return w!.n > 0
  })

/**
 * Sends `request` while this test's transaction holds row locks: `lock` takes them, the request
 * runs until it waits for one, `meanwhile` writes what a concurrent transition would, and the
 * commit lets the request go on. Answers what the request answered.
 */
async function whileLocked<T>(lock: (tx: Tx) => Promise<unknown>, request: () => Promise<T>, meanwhile: (tx: Tx) => Promise<unknown>): Promise<T> {
  let answer: Promise<T> | undefined
  await app.prisma.$transaction(
    async (tx) => {
      await lock(tx)
      answer = request()
      await waitingForLock()
      await meanwhile(tx)
    },
    { timeout: 20_000 },
  )
  return answer!
}

/** A new customer's hold of the one seat of a new show. */
async function heldSeat() {
  const user = await app.factory.user()
  const show = await app.factory.show({ seats: 1 })
  const booking = await hold(app, user, show, [0])
  return { user, show, booking, id: parseGlobalId(booking.id, 'Booking')! }
}

/** A one-seat hold whose payment the customer has confirmed (PROCESSING; no worker takes it). */
async function paymentUnderway(paymentToken = 'tok_visa') {
  const { user, show, booking, id } = await heldSeat()
  await confirm(app, user, booking.id, paymentToken)
  const payment = await app.prisma.payment.findUniqueOrThrow({ where: { bookingId: id } })
  return { user, show, booking, id, payment }
}

describe('cancelBooking and the payment', () => {
  it('cancels and refunds a booking paid between its read and its lock, never a success that changed nothing', async () => {
    const { user, show, booking, id, payment } = await paymentUnderway()
    // The cancel reads the booking (still unpaid) and waits for its row; meanwhile the sale
    // commits, as the worker's would: charged, paid, seats sold.
    const answer = (
      await whileLocked(
        (tx) => tx.$queryRaw`SELECT 1 FROM bookings WHERE id = ${id}::uuid FOR UPDATE`,
        () => app.gql(CancelBooking, { input: { bookingId: booking.id } }, user.token),
        (tx) => sell(tx, id, payment),
      )
    ).data!.cancelBooking
    expect(answer).toMatchObject({ __typename: 'CancelBookingSuccess', booking: { status: 'CANCELLED', payment: { status: 'REFUNDED' } } })
    expect(await app.prisma.booking.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({ status: 'CANCELLED' })
    expect(await app.prisma.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: payment.id }, select: { refunded: true } })).toEqual({ refunded: true })
    expect(await app.prisma.seat.findFirstOrThrow({ where: { id: show.seats[0]!.id }, select: { status: true } })).toEqual({ status: 'AVAILABLE' })
  })

  it('cancels a booking whose payment started while the cancel waited, and leaves the payment to its job', async () => {
    const { user, show, booking, id } = await heldSeat()
    // What confirmBooking commits: the payment PROCESSING, the booking's row updated (locked).
    const confirming = async (tx: Tx) => {
      await tx.payment.updateMany({ where: { bookingId: id }, data: { status: 'PROCESSING', paymentToken: 'tok_visa' } })
      await tx.$executeRaw`UPDATE bookings SET updated_at = now() WHERE id = ${id}::uuid`
    }
    const cancel = () => app.gql(CancelBooking, { input: { bookingId: booking.id } }, user.token)
    const answer = (await whileLocked(confirming, cancel, async () => {})).data!.cancelBooking
    expect(answer).toMatchObject({ __typename: 'CancelBookingSuccess', booking: { status: 'CANCELLED', payment: { status: 'PROCESSING' } } })
    expect(await app.prisma.payment.findFirstOrThrow({ where: { bookingId: id }, select: { status: true } })).toEqual({ status: 'PROCESSING' })
    expect(await app.prisma.seat.findFirstOrThrow({ where: { id: show.seats[0]!.id }, select: { status: true } })).toEqual({ status: 'AVAILABLE' })
  })

  it('confirms in the lock order of a cancel: a cancel holding the booking never deadlocks with it', async () => {
    const { user, booking, id } = await heldSeat()
    // What a cancel does: the booking's row first, then (after the confirm arrived) the payment's.
    const answer = await whileLocked(
      (tx) => tx.$queryRaw`SELECT 1 FROM bookings WHERE id = ${id}::uuid FOR UPDATE`,
      () => app.gql(ConfirmBooking, { input: { bookingId: booking.id, paymentToken: 'tok_visa' } }, user.token),
      async (tx) => {
        await tx.payment.updateMany({ where: { bookingId: id }, data: { status: 'FAILED' } })
        await tx.booking.update({ where: { id }, data: { status: 'CANCELLED' } })
      },
    )
    expect(answer.errors).toBeUndefined()
    expect(answer.data!.confirmBooking).toMatchObject({ __typename: 'BookingError', code: 'INVALID_STATE' })
  })

  it('charges nothing for a booking cancelled before its payment job ran', async () => {
    const { user, booking, id, payment } = await paymentUnderway()
    await app.gql(CancelBooking, { input: { bookingId: booking.id } }, user.token)
    expect(await processPayment(app.services, paymentJob(payment.id, id))).toEqual({ skipped: 'CANCELLED' })
    expect(await app.services.gateway.chargesFor(payment.id)).toBe(0)
    expect(await app.prisma.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true } })).toEqual({ status: 'FAILED' })
  })

  it('refunds a charge in flight when the cancel commits, and fails a decline in flight, never selling the seats', async () => {
    for (const [token, ends] of [['tok_visa', 'REFUNDED'], ['tok_decline', 'FAILED']] as const) {
      const { user, show, booking, id, payment } = await paymentUnderway(token)
      // The job has read the booking (still unpaid) and waits for the gateway while the cancel commits.
      const gateway = app.services.gateway
      const charge = gateway.charge.bind(gateway)
      let answer = () => {}
      const asked = new Promise<void>((resolve) => {
        gateway.charge = async (req) => {
          resolve()
          await new Promise<void>((r) => (answer = r))
          return charge(req)
        }
      })
      const settling = processPayment(app.services, paymentJob(payment.id, id))
      await asked
      const cancelled = (await app.gql(CancelBooking, { input: { bookingId: booking.id } }, user.token)).data!.cancelBooking
      expect(cancelled).toMatchObject({ __typename: 'CancelBookingSuccess', booking: { status: 'CANCELLED', payment: { status: 'PROCESSING' } } })
      answer()
      gateway.charge = charge
      if (token === 'tok_decline') await expect(settling).rejects.toThrow(/declined/)
      else expect(await settling).toEqual({ outcome: 'REFUNDED' })
      expect(await app.prisma.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true } })).toEqual({ status: ends })
      const taken = await app.prisma.gatewayCharge.findUnique({ where: { idempotencyKey: payment.id }, select: { refunded: true } })
      expect(taken).toEqual(token === 'tok_visa' ? { refunded: true } : null)
      expect(await app.prisma.booking.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({ status: 'CANCELLED' })
      expect(await app.prisma.seat.findFirstOrThrow({ where: { id: show.seats[0]!.id }, select: { status: true } })).toEqual({ status: 'AVAILABLE' })
    }
  })

  it('ends the payment a cancelled booking left in flight once its window closed, giving back any charge', async () => {
    for (const charged of [false, true]) {
      const { user, booking, id, payment } = await paymentUnderway('tok_down')
      await app.gql(CancelBooking, { input: { bookingId: booking.id } }, user.token)
      // Its job gave up on a gateway that stayed down; one attempt may have charged before dying.
      if (charged) await app.services.gateway.charge({ idempotencyKey: payment.id, amount: payment.amount, currency: payment.currency, token: 'tok_visa' })
      await app.prisma.$executeRaw`UPDATE payments SET expires_at = now() - interval '2 minutes' WHERE id = ${payment.id}::uuid`
      expect(await processMaintenance(app.services, {} as never)).toMatchObject({ ended: 1 })
      const after = await app.prisma.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true, refundedAt: true } })
      expect(after).toEqual(charged ? { status: 'REFUNDED', refundedAt: expect.any(Date) } : { status: 'FAILED', refundedAt: null })
      if (charged) expect(await app.prisma.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: payment.id } })).toMatchObject({ refunded: true })
      expect(await app.prisma.booking.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({ status: 'CANCELLED' })
    }
  })

  it('gives back a charge an attempt took and never settled, when the booking expires or when the job runs again', async () => {
    const status = (id: string) => app.prisma.payment.findUniqueOrThrow({ where: { id }, select: { status: true } })
    const refunded = (id: string) => app.prisma.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: id } }).then((c) => c.refunded)
    const charge = (p: PaymentRow) => app.services.gateway.charge({ idempotencyKey: p.id, amount: p.amount, currency: p.currency, token: 'tok_visa' })
    const lapse = async (id: string, paymentId: string) => {
      await app.prisma.$executeRaw`UPDATE bookings SET expires_at = now() WHERE id = ${id}::uuid`
      await app.prisma.$executeRaw`UPDATE payments SET expires_at = now() WHERE id = ${paymentId}::uuid`
    }
    // Charged, then the sale never committed and the job gave up: the expiry gives the money back.
    const first = await paymentUnderway()
    await charge(first.payment)
    await lapse(first.id, first.payment.id)
    expect(await expireBooking(app.services, first.id)).toEqual({ expired: true })
    expect(await status(first.payment.id)).toEqual({ status: 'REFUNDED' })
    expect(await refunded(first.payment.id)).toBe(true)
    // Charged after the expiry looked, then the process died: its retry gives the money back.
    const second = await paymentUnderway()
    await lapse(second.id, second.payment.id)
    await expireBooking(app.services, second.id)
    expect(await status(second.payment.id)).toEqual({ status: 'EXPIRED' })
    await charge(second.payment)
    await processPayment(app.services, paymentJob(second.payment.id, second.id))
    expect(await status(second.payment.id)).toEqual({ status: 'REFUNDED' })
    expect(await refunded(second.payment.id)).toBe(true)
  })

  it('keeps a refund owed when the gateway fails it after an expiry, and the sweeper pays it back past other failures', async () => {
    const gateway = app.services.gateway
    const [refund, chargesFor] = [gateway.refund.bind(gateway), gateway.chargesFor.bind(gateway)]
    const charged = async () => {
      const underway = await paymentUnderway()
      const p = underway.payment
      await gateway.charge({ idempotencyKey: p.id, amount: p.amount, currency: p.currency, token: 'tok_visa' })
      await app.prisma.$executeRaw`UPDATE bookings SET expires_at = now() WHERE id = ${underway.id}::uuid`
      await app.prisma.$executeRaw`UPDATE payments SET expires_at = now() - interval '2 minutes' WHERE id = ${p.id}::uuid`
      return underway
    }
    const state = (id: string) =>
      Promise.all([
        app.prisma.payment.findUniqueOrThrow({ where: { id }, select: { status: true } }).then((p) => p.status),
        app.prisma.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: id } }).then((c) => c.refunded),
      ])
    try {
      // The refund refused after the expiry committed: owed, not forgotten.
      const refused = await charged()
      gateway.refund = () => Promise.reject(new Error('gateway down'))
      expect(await expireBooking(app.services, refused.id)).toEqual({ expired: true })
      expect(await state(refused.payment.id)).toEqual(['REFUNDED', false])
      // The gateway not even asked (as if the process died after the commit): the payment stays in flight under an expired booking.
      const unasked = await charged()
      gateway.chargesFor = () => Promise.reject(new Error('gateway down'))
      expect(await expireBooking(app.services, unasked.id)).toEqual({ expired: true })
      expect(await state(unasked.payment.id)).toEqual(['PROCESSING', false])
      gateway.chargesFor = chargesFor
      // A sweep while one refund still fails: the others are made all the same.
      await app.prisma.$executeRaw`UPDATE payments SET updated_at = now() - interval '1 minute' WHERE id = ${refused.payment.id}::uuid`
      gateway.refund = (key) => (key === unasked.payment.id ? Promise.reject(new Error('gateway down')) : refund(key))
      await processMaintenance(app.services, {} as never)
      expect(await state(refused.payment.id)).toEqual(['REFUNDED', true])
      expect(await state(unasked.payment.id)).toEqual(['REFUNDED', false])
      gateway.refund = refund
      await app.prisma.$executeRaw`UPDATE payments SET updated_at = now() - interval '1 minute' WHERE id = ${unasked.payment.id}::uuid`
      await processMaintenance(app.services, {} as never)
      expect(await state(unasked.payment.id)).toEqual(['REFUNDED', true])
    } finally {
      Object.assign(gateway, { refund, chargesFor })
    }
  })

  it('refunds, through the sweeper, a cancel whose process died before the gateway answered', async () => {
    const { user, booking, id, payment } = await paymentUnderway()
    await app.prisma.$transaction((tx) => sell(tx, id, payment))
    expect((await app.gql(CancelBooking, { input: { bookingId: booking.id } }, user.token)).data!.cancelBooking).toMatchObject({
      booking: { status: 'CANCELLED', payment: { status: 'REFUNDED' } },
    })
    const refunded = () => app.prisma.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: payment.id }, select: { refunded: true } })
    expect(await refunded()).toEqual({ refunded: true })
    // As a crash between the commit and the gateway's answer leaves it: REFUNDED, the money not back.
    await app.prisma.gatewayCharge.update({ where: { idempotencyKey: payment.id }, data: { refunded: false } })
    await app.prisma.$executeRaw`UPDATE payments SET refunded_at = NULL, updated_at = now() - interval '1 minute' WHERE id = ${payment.id}::uuid`
    expect(await processMaintenance(app.services, {} as never)).toMatchObject({ refunded: 1 })
    expect(await refunded()).toEqual({ refunded: true })
    expect(await app.prisma.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { refundedAt: true } })).toEqual({ refundedAt: expect.any(Date) })
    expect(await processMaintenance(app.services, {} as never)).toMatchObject({ refunded: 0 })
  })
})
