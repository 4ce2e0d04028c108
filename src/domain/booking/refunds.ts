import type { Services } from '../../services.ts'

/** How long a REFUNDED payment may wait for its own process's refund before the sweeper makes it. */
const REFUND_GRACE_MS = 10_000

/**
 * Gives a payment's money back and records that the gateway confirmed it. The payment says REFUNDED
 * from the commit that decided the refund; `refundedAt` says the money went back. The gateway's
 * idempotency key is the payment id, so repeating a refund a crash cut short is harmless.
 */
export async function refundPayment(services: Services, paymentId: string): Promise<void> {
  await services.gateway.refund(paymentId)
  await services.prisma.payment.updateMany({ where: { id: paymentId, refundedAt: null }, data: { refundedAt: new Date() } })
}

/**
 * The sweeper's share: REFUNDED payments whose refund nobody confirmed, because the process that
 * committed the cancel died before the gateway answered. Returns how many it refunded.
 */
export async function refundOwed(services: Services, limit = 100): Promise<number> {
  const owed = await services.prisma.payment.findMany({
    where: { status: 'REFUNDED', refundedAt: null, updatedAt: { lt: new Date(Date.now() - REFUND_GRACE_MS) } },
    orderBy: { updatedAt: 'asc' },
    select: { id: true },
    take: limit,
  })
  let refunded = 0
  for (const { id } of owed) {
    // One refused refund (the gateway down) must not stop the others, nor the rest of the sweep.
    try {
      await refundPayment(services, id)
      refunded++
    } catch (err) {
      services.logger.warn({ err, paymentId: id }, 'refund still owed; the next sweep tries again')
    }
  }
  return refunded
}
