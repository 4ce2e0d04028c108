import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { processMaintenance } from '../src/jobs/maintenance/processor.ts'
import { parseGlobalId } from '../src/schema/global-id.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { confirm, hold } from './support/booking-helpers.ts'
import { CancelBooking } from './support/operations.ts'
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

/** Until a statement of this test's database waits for a row lock. */
const waitingForLock = () =>
  eventually(async () => {
    const [w] = await app.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
    return w!.n > 0
  })

/** A one-seat hold whose payment the customer has confirmed (PROCESSING; no worker takes it). */
async function paymentUnderway() {
  const user = await app.factory.user()
  const show = await app.factory.show({ seats: 1 })
  const booking = await hold(app, user, show, [0])
  await confirm(app, user, booking.id)
  const id = parseGlobalId(booking.id, 'Booking')!
  const payment = await app.prisma.payment.findUniqueOrThrow({ where: { bookingId: id } })
  return { user, show, booking, id, payment }
}

describe('cancelBooking and the payment', () => {
  it('cancels and refunds a booking paid between its read and its lock, never a success that changed nothing', async () => {
    const { user, show, booking, id, payment } = await paymentUnderway()

    let cancelling: Promise<unknown> | undefined
    await app.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM bookings WHERE id = ${id}::uuid FOR UPDATE`
        cancelling = app.gql(CancelBooking, { input: { bookingId: booking.id } }, user.token)
        // The cancel has read the booking (still unpaid) and now waits for its row.
        await waitingForLock()
        // Meanwhile the sale commits, as the worker's would: charged, paid, seats sold.
        await sell(tx, id, payment)
      },
      { timeout: 20_000 },
    )
    const answer = ((await cancelling) as { data: { cancelBooking: unknown } }).data.cancelBooking
    expect(answer).toMatchObject({ __typename: 'CancelBookingSuccess', booking: { status: 'CANCELLED', payment: { status: 'REFUNDED' } } })
    expect(await app.prisma.booking.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({ status: 'CANCELLED' })
    expect(await app.prisma.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: payment.id }, select: { refunded: true } })).toEqual({ refunded: true })
    expect(await app.prisma.seat.findFirstOrThrow({ where: { id: show.seats[0]!.id }, select: { status: true } })).toEqual({ status: 'AVAILABLE' })
  })

  it('leaves alone a payment that started while the cancel waited for the booking', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 1 })
    const booking = await hold(app, user, show, [0])
    const id = parseGlobalId(booking.id, 'Booking')!
    let cancelling: Promise<unknown> | undefined
    await app.prisma.$transaction(
      async (tx) => {
        // What confirmBooking commits: the payment PROCESSING, the booking's row updated (locked).
        await tx.payment.updateMany({ where: { bookingId: id }, data: { status: 'PROCESSING', paymentToken: 'tok_visa' } })
        await tx.$executeRaw`UPDATE bookings SET updated_at = now() WHERE id = ${id}::uuid`
        cancelling = app.gql(CancelBooking, { input: { bookingId: booking.id } }, user.token)
        await waitingForLock()
      },
      { timeout: 20_000 },
    )
    const answer = ((await cancelling) as { data: { cancelBooking: unknown } }).data.cancelBooking
    expect(answer).toMatchObject({ __typename: 'BookingError', code: 'INVALID_STATE' })
    expect(await app.prisma.payment.findFirstOrThrow({ where: { bookingId: id }, select: { status: true } })).toEqual({ status: 'PROCESSING' })
    expect(await app.prisma.booking.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({ status: 'PENDING_PAYMENT' })
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
