import { DelayedError, type Job } from 'bullmq'
import { expireBooking } from '../../domain/booking/expire.ts'
import type { Services } from '../../services.ts'
import type { ExpirationJobData } from '../queues.ts'

/**
 * Expires a booking when its hold runs out. If the deadline moved (a payment is in flight), the
 * job puts itself back to sleep until the new deadline instead of releasing seats under it.
 */
export async function processExpiration(services: Services, job: Job<ExpirationJobData>, token?: string) {
  const outcome = await expireBooking(services, job.data.bookingId)
  if (!outcome.expired && outcome.retryAt && token) {
    await job.moveToDelayed(outcome.retryAt.getTime() + 25, token)
    throw new DelayedError()
  }
  return outcome
}
