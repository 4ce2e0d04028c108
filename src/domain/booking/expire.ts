import type { Services } from '../../services.ts'
import { afterBookingChange, afterSeatChange } from './events.ts'
import { forEachLimited } from '../../concurrency.ts'
import { endUnpaidPayment, failBooking, releaseHolds } from './settle.ts'

export type ExpiryOutcome = { expired: true } | { expired: false; retryAt?: Date }

/**
 * Expires an unpaid booking once its deadline (the database clock decides) has passed. Before it,
 * answers when to look again: confirmBooking may have moved the deadline to the payment's own.
 */
export async function expireBooking(services: Services, bookingId: string): Promise<ExpiryOutcome> {
  const { prisma } = services
  const booking = await prisma.booking.findUnique({
    where: { id: bookingId },
    select: { status: true, showId: true, expiresAt: true },
  })
  if (!booking || booking.status !== 'PENDING_PAYMENT') return { expired: false }
  const result = await prisma.$transaction(async (tx) => {
    const [due] = await tx.$queryRaw<{ due: boolean }[]>`
      SELECT expires_at <= now() AS due FROM bookings WHERE id = ${bookingId}::uuid FOR UPDATE`
    if (!due?.due) return 'NOT_DUE' as const
    // Read after the lock, in a statement of its own (see cancel.ts). A payment in flight is left
    // PROCESSING here and ended after the commit, once the gateway has said whether it charged.
    const paying = await tx.payment.findFirst({ where: { bookingId, status: 'PROCESSING' }, select: { id: true } })
    const event = await failBooking(tx, bookingId, booking.showId, 'EXPIRED', paying ? null : 'EXPIRED', 'hold expired')
    return { event, paying: paying?.id }
  })
  if (result === 'NOT_DUE') return { expired: false, retryAt: booking.expiresAt }
  await releaseHolds(services, result.event, bookingId)
  await afterSeatChange(services, result.event)
  // A payment in flight that never settled (its job gave up, or died after charging): any charge
  // it took goes back. Should that fail, the sweeper ends it (a PROCESSING payment of a booking
  // that is over); one still in flight is refunded when it settles.
  const ended =
    !!result.paying &&
    (await endUnpaidPayment(services, result.paying, bookingId, 'EXPIRED').catch((err: unknown) => {
      services.logger.warn({ err, bookingId }, 'ending the payment of an expired booking failed; the sweeper ends it')
      return false
    }))
  if (!ended) await afterBookingChange(services, bookingId)
  return { expired: true }
}

/**
 * Bookings whose hold ran out but were not expired: the net under lost or paused expiry jobs.
 * Page after page, several at a time, until none is left or `budgetMs` is spent: holds pile up
 * at the rate they are made while the expiry queue is paused.
 */
export async function expireOverdue(services: Services, { pageSize = 500, concurrency = 8, budgetMs = 20_000 } = {}): Promise<number> {
  const until = Date.now() + budgetMs
  let n = 0
  for (;;) {
    const overdue = await services.prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM bookings WHERE status = 'PENDING_PAYMENT' AND expires_at <= now() ORDER BY expires_at LIMIT ${pageSize}`
    await forEachLimited(overdue, concurrency, async ({ id }) => {
      // One that fails (its row busy, the database restarting) must not stop the others.
      try {
        if ((await expireBooking(services, id)).expired) n++
      } catch (err) {
        services.logger.warn({ err, bookingId: id }, 'expiring an overdue hold failed; the next sweep tries again')
      }
    })
    if (overdue.length < pageSize || Date.now() > until) return n
  }
}
