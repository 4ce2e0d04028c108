import type { Services } from '../../services.ts'
import type { SeatMapEventFact } from '../../pubsub/topics.ts'

/**
 * What happens after a transaction commits: publish, then enqueue. Neither may fail the request:
 * a lost publish is healed from the change log by subscribers, a lost job by the sweeper.
 */
export async function afterSeatChange(services: Services, event: SeatMapEventFact | null): Promise<void> {
  if (!event) return
  // Before the publish and before the caller answers: this process's cached reads of the show
  // are void at once, so a client always reads its own writes.
  services.showVersions.observe(event.showId, event.version)
  await services.pubsub.publish('seatmap', event.showId, event)
}

/**
 * Tells bookingUpdated subscribers that a booking moved. Callers that just wrote the new states
 * pass them; otherwise they are read back. Subscribers reload the booking they may see.
 */
export async function afterBookingChange(
  services: Services,
  bookingId: string,
  known?: { status: string; paymentStatus: string },
): Promise<void> {
  const states =
    known ??
    (await services.prisma.booking
      .findUnique({ where: { id: bookingId }, select: { status: true, payment: { select: { status: true } } } })
      .then((row) => row && { status: row.status, paymentStatus: row.payment?.status ?? 'PENDING' }))
  if (states) await services.pubsub.publish('booking', bookingId, { bookingId, ...states })
}

export async function safely(services: Services, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work()
  } catch (err) {
    services.logger.error({ err }, `${what} failed after commit; the sweeper will recover it`)
  }
}
