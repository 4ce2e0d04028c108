import type { Job } from 'bullmq'
import { expireOverdue } from '../../domain/booking/expire.ts'
import { refundOwed } from '../../domain/booking/refunds.ts'
import { endUnpaidPayment } from '../../domain/booking/settle.ts'
import type { Services } from '../../services.ts'
import { paymentJobId, type MaintenanceJobData } from '../queues.ts'

/**
 * The safety net, every SWEEP_INTERVAL_MS on its own queue (so pausing EXPIRATIONS cannot stop it):
 * expires holds whose delayed job was lost or paused, re-queues payments whose job never made it
 * into Redis (the process died between commit and enqueue), ends payments whose booking was
 * cancelled under them and whose job gave up, makes refunds whose process died before the
 * gateway answered, and prunes the replay log.
 */
export async function processMaintenance(services: Services, _job: Job<MaintenanceJobData>) {
  const expired = await expireOverdue(services)
  const requeued = await requeueLostPayments(services)
  const ended = await endAbandonedPayments(services)
  const refunded = await refundOwed(services)
  const pruned = await services.prisma.$executeRaw`
    DELETE FROM seat_map_changes WHERE created_at < now() - ${services.config.changelogRetentionMs} * interval '1 millisecond'`
  if (expired || requeued || ended || refunded || pruned) services.logger.info({ expired, requeued, ended, refunded, pruned }, 'sweep')
  return { expired, requeued, ended, refunded, pruned }
}

async function requeueLostPayments(services: Services): Promise<number> {
  const stuck = await services.prisma.$queryRaw<{ id: string; booking_id: string }[]>`
    SELECT id, booking_id FROM payments
     WHERE status = 'PROCESSING' AND updated_at < now() - interval '5 seconds' AND expires_at > now()
     LIMIT 500`
  let n = 0
  for (const p of stuck) {
    if (await services.queues.payments.getJob(paymentJobId(p.id))) continue
    await services.queues.enqueuePayment({ paymentId: p.id, bookingId: p.booking_id })
    n++
  }
  return n
}

/**
 * PROCESSING payments of bookings that ended (cancelled or expired) while they were in flight,
 * whose job never settled them (it gave up on a gateway that stayed down, or ending them failed)
 * and whose window has long closed.
 */
async function endAbandonedPayments(services: Services): Promise<number> {
  const abandoned = await services.prisma.$queryRaw<{ id: string; booking_id: string; cancelled: boolean }[]>`
    SELECT p.id, p.booking_id, b.status = 'CANCELLED' AS cancelled FROM payments p JOIN bookings b ON b.id = p.booking_id
     WHERE p.status = 'PROCESSING' AND p.expires_at < now() - interval '1 minute' AND b.status <> 'PENDING_PAYMENT'
     ORDER BY p.expires_at LIMIT 100`
  let ended = 0
  for (const p of abandoned) {
    // One the gateway cannot answer for must not stop the others, nor the rest of the sweep.
    try {
      if (await endUnpaidPayment(services, p.id, p.booking_id, p.cancelled ? 'FAILED' : 'EXPIRED')) ended++
    } catch (err) {
      services.logger.warn({ err, paymentId: p.id }, 'ending an abandoned payment failed; the next sweep tries again')
    }
  }
  return ended
}
