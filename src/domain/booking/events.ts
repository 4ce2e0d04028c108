import type { Services } from '../../services.ts'
import type { SeatMapEventFact } from '../../pubsub/topics.ts'

/**
 * What happens after a transaction commits: publish, then enqueue. Neither may fail the request:
 * a lost publish is healed from the change log by subscribers, a lost job by the sweeper.
 */
export async function afterSeatChange(services: Services, event: SeatMapEventFact | null): Promise<void> {
  if (event) await services.pubsub.publish('seatmap', event.showId, event)
}

export async function afterBookingChange(services: Services, bookingId: string): Promise<void> {
  const row = await services.prisma.booking.findUnique({
    where: { id: bookingId },
    select: { status: true, payment: { select: { status: true } } },
  })
  if (row) {
    await services.pubsub.publish('booking', bookingId, {
      bookingId,
      status: row.status,
      paymentStatus: row.payment?.status ?? 'PENDING',
    })
  }
}

export async function safely(services: Services, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work()
  } catch (err) {
    services.logger.error({ err }, `${what} failed after commit; the sweeper will recover it`)
  }
}
