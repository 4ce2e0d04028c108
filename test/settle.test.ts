import type { Job } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settleSuccess } from '../src/domain/booking/settle.ts'
import { findPaymentToSettle } from '../src/domain/booking/settle-batches.ts'
import { processPayment } from '../src/jobs/payments/processor.ts'
import type { PaymentJobData } from '../src/jobs/queues.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { confirm, dbState, expectConsistent, hold } from './support/booking-helpers.ts'

// The payment job is run by hand (no worker started), so each test decides what happens in between.
let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

async function confirmedBooking(seatIdx: number[], onShow?: Awaited<ReturnType<TestApp['factory']['show']>>) {
  const user = await app.factory.user()
  const show = onShow ?? (await app.factory.show({ seats: 4 }))
  const booking = await hold(app, user, show, seatIdx)
  await confirm(app, user, booking.id)
  const payment = await app.prisma.payment.findFirstOrThrow({ where: { orderId: booking.payment.orderId } })
  const job = { data: { paymentId: payment.id, bookingId: payment.bookingId } } as Job<PaymentJobData>
  return { show, payment, job }
}

describe('settling a successful charge', () => {
  it('sells every seat, confirms, and records one change; a re-run changes nothing', async () => {
    const { show, payment, job } = await confirmedBooking([0, 1])
    expect(await processPayment(app.services, job)).toEqual({ outcome: 'BOOKED' })
    expect(await processPayment(app.services, job)).toEqual({ skipped: 'SUCCEEDED' })
    const state = await dbState(app, show.id)
    expect(state.seats.map((s) => s.status)).toEqual(['BOOKED', 'BOOKED', 'AVAILABLE', 'AVAILABLE'])
    expect(state.log.map((l) => l.reason)).toEqual(['LOCKED', 'BOOKED'])
    const booking = await app.prisma.booking.findUniqueOrThrow({ where: { id: payment.bookingId }, include: { payment: true } })
    expect([booking.status, booking.payment?.status]).toEqual(['CONFIRMED', 'SUCCEEDED'])
    expect(booking.payment?.gatewayChargeId).toMatch(/^ch_/)
    expect(await app.services.gateway.chargesFor(payment.id)).toBe(1)
    await expectConsistent(app, show.id)
  })

  it('settles once when two runs of the same job race', async () => {
    const { show, payment } = await confirmedBooking([0, 1, 2])
    const loaded = (await findPaymentToSettle(app.services, payment.id))!
    const { chargeId } = await app.services.gateway.charge({ idempotencyKey: payment.id, amount: 1, currency: 'EUR', token: 'tok_visa' })
    const outcomes = await Promise.all([settleSuccess(app.services, loaded, chargeId), settleSuccess(app.services, loaded, chargeId)])
    expect(outcomes.sort()).toEqual(['ALREADY_SETTLED', 'BOOKED'])
    expect((await dbState(app, show.id)).log.map((l) => l.reason)).toEqual(['LOCKED', 'BOOKED'])
    await expectConsistent(app, show.id)
  })

  it('refunds and books nothing when one of the seats is no longer the booking’s', async () => {
    const { show, payment, job } = await confirmedBooking([0, 1])
    // As if the seat had been freed behind the payment's back (the count stays consistent).
    await app.prisma.$transaction([
      app.prisma.$executeRaw`UPDATE seats SET status = 'AVAILABLE', booking_id = NULL, lock_expires_at = NULL WHERE id = ${show.seats[0]!.id}::uuid`,
      app.prisma.$executeRaw`UPDATE shows SET available_seats = available_seats + 1 WHERE id = ${show.id}::uuid`,
    ])
    expect(await processPayment(app.services, job)).toEqual({ outcome: 'REFUNDED' })
    const state = await dbState(app, show.id)
    expect(state.seats.map((s) => s.status)).toEqual(['AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE'])
    expect(state.log.map((l) => l.reason)).toEqual(['LOCKED', 'RELEASED'])
    const booking = await app.prisma.booking.findUniqueOrThrow({ where: { id: payment.bookingId }, include: { payment: true } })
    expect([booking.status, booking.bookingCode, booking.payment?.status]).toEqual(['PAYMENT_FAILED', null, 'REFUNDED'])
    const charge = await app.prisma.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: payment.id } })
    expect(charge.refunded).toBe(true)
    await expectConsistent(app, show.id)
  })

  it('settles payments that arrive together in one statement, each sale still one change of its own', async () => {
    const showA = await app.factory.show({ seats: 6 })
    const showB = await app.factory.show({ seats: 4 })
    const paid = [
      await confirmedBooking([0, 1], showA),
      await confirmedBooking([2, 3], showA),
      await confirmedBooking([4], showA),
      await confirmedBooking([0, 1], showB),
    ]
    const loaded = await Promise.all(paid.map((p) => findPaymentToSettle(app.services, p.payment.id)))
    const charges = await Promise.all(
      paid.map((p) => app.services.gateway.charge({ idempotencyKey: p.payment.id, amount: 1, currency: 'EUR', token: 'tok_visa' })),
    )
    app.queries.length = 0
    const published: { showId: string; version: number }[] = []
    const publish = app.services.pubsub.publish
    app.services.pubsub.publish = async (topic, key, payload) => {
      if (topic === 'seatmap') published.push(payload as { showId: string; version: number })
      return publish(topic, key, payload)
    }
    const outcomes = await Promise.all(loaded.map((p, i) => settleSuccess(app.services, p!, charges[i]!.chargeId))).finally(
      () => (app.services.pubsub.publish = publish),
    )
    expect(outcomes).toEqual(['BOOKED', 'BOOKED', 'BOOKED', 'BOOKED'])
    // One statement; one change per sale, each published once.
    expect(published.map((e) => [e.showId, e.version]).sort()).toEqual([[showA.id, 4], [showA.id, 5], [showA.id, 6], [showB.id, 2]].sort())
    expect(app.queries.filter((q) => q.includes('INSERT INTO seat_map_changes'))).toHaveLength(1)

    const a = await dbState(app, showA.id)
    expect(a.seats.map((s) => s.status)).toEqual(['BOOKED', 'BOOKED', 'BOOKED', 'BOOKED', 'BOOKED', 'AVAILABLE'])
    expect(a.log.map((l) => l.reason)).toEqual(['LOCKED', 'LOCKED', 'LOCKED', 'BOOKED', 'BOOKED', 'BOOKED'])
    const sold = a.log.slice(3).map((l) => (l.seats as { seatNumber: string }[]).map((s) => s.seatNumber).join(','))
    expect(sold.sort()).toEqual(['A1,A2', 'A3,A4', 'A5'])
    const b = await dbState(app, showB.id)
    expect(b.log.map((l) => l.reason)).toEqual(['LOCKED', 'BOOKED'])
    const bookings = await app.prisma.booking.findMany({ where: { id: { in: paid.map((p) => p.payment.bookingId) } }, include: { payment: true } })
    expect(bookings.map((x) => [x.status, x.payment?.status])).toEqual(Array(4).fill(['CONFIRMED', 'SUCCEEDED']))
    expect(new Set(bookings.map((x) => x.bookingCode)).size).toBe(4)
    await expectConsistent(app, showA.id)
    await expectConsistent(app, showB.id)
  })

  it('books the others of a batch when one booking lost a seat, and refunds that one', async () => {
    const show = await app.factory.show({ seats: 6 })
    const paid = [await confirmedBooking([0, 1], show), await confirmedBooking([2, 3], show), await confirmedBooking([4, 5], show)]
    await app.prisma.$transaction([
      app.prisma.$executeRaw`UPDATE seats SET status = 'AVAILABLE', booking_id = NULL, lock_expires_at = NULL WHERE id = ${show.seats[3]!.id}::uuid`,
      app.prisma.$executeRaw`UPDATE shows SET available_seats = available_seats + 1 WHERE id = ${show.id}::uuid`,
    ])
    const loaded = await Promise.all(paid.map((p) => findPaymentToSettle(app.services, p.payment.id)))
    const charges = await Promise.all(
      paid.map((p) => app.services.gateway.charge({ idempotencyKey: p.payment.id, amount: 1, currency: 'EUR', token: 'tok_visa' })),
    )
    const outcomes = await Promise.all(loaded.map((p, i) => settleSuccess(app.services, p!, charges[i]!.chargeId)))
    expect(outcomes).toEqual(['BOOKED', 'REFUNDED', 'BOOKED'])
    const state = await dbState(app, show.id)
    expect(state.seats.map((s) => s.status)).toEqual(['BOOKED', 'BOOKED', 'AVAILABLE', 'AVAILABLE', 'BOOKED', 'BOOKED'])
    expect(state.log.map((l) => l.reason)).toEqual(['LOCKED', 'LOCKED', 'LOCKED', 'BOOKED', 'BOOKED', 'RELEASED'])
    const lost = await app.prisma.booking.findUniqueOrThrow({ where: { id: paid[1]!.payment.bookingId }, include: { payment: true } })
    expect([lost.status, lost.payment?.status]).toEqual(['PAYMENT_FAILED', 'REFUNDED'])
    await expectConsistent(app, show.id)
  })
})
