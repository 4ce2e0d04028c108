import { Queue, type JobsOptions } from 'bullmq'
import { batched } from '../db/batch.ts'
import type { Logger } from '../logger.ts'
import { createRedis } from '../redis/connections.ts'

/** Charge the gateway for a payment that confirmBooking moved to PROCESSING. */
export interface PaymentJobData {
  paymentId: string
  bookingId: string
}

/** Release an unpaid booking's seats once its hold runs out. */
export interface ExpirationJobData {
  bookingId: string
}

/** Repeatable housekeeping: the expiry safety net and change-log pruning. */
export type MaintenanceJobData = Record<string, never>

export const QUEUE = { payments: 'payments', expirations: 'expirations', maintenance: 'maintenance' } as const
export type QueueKey = keyof typeof QUEUE

// Deterministic ids dedupe enqueues while the job is stored; completed jobs are kept a day so a
// late duplicate enqueue still finds them, and the database guards make a re-run harmless anyway.
const keep: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
}

export const paymentJobId = (paymentId: string) => `pay-${paymentId}`
export const expirationJobId = (bookingId: string) => `expire-${bookingId}`

export interface Queues {
  payments: Queue<PaymentJobData>
  expirations: Queue<ExpirationJobData>
  maintenance: Queue<MaintenanceJobData>
  enqueuePayment(data: PaymentJobData): Promise<void>
  scheduleExpiry(bookingId: string, delayMs: number): Promise<void>
  close(): Promise<void>
}

export function createQueues(redisUrl: string, prefix: string, logger: Logger): Queues {
  // Producers share one connection of their own that fails fast (no BullMQ blocking commands run on it).
  const connection = createRedis(redisUrl, 'queue')
  connection.on('error', (err) => logger.warn({ err }, 'redis (queue) error'))
  const opts = { connection, prefix }
  const payments = new Queue<PaymentJobData>(QUEUE.payments, {
    ...opts,
    defaultJobOptions: { ...keep, attempts: 5, backoff: { type: 'exponential', delay: 500 } },
  })
  const expirations = new Queue<ExpirationJobData>(QUEUE.expirations, {
    ...opts,
    defaultJobOptions: { ...keep, attempts: 10, backoff: { type: 'exponential', delay: 1000 } },
  })
  const maintenance = new Queue<MaintenanceJobData>(QUEUE.maintenance, {
    ...opts,
    defaultJobOptions: { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } },
  })
  for (const q of [payments, expirations, maintenance]) q.on('error', (err) => logger.warn({ err, queue: q.name }, 'queue error'))

  // Holds committed in one batch (see hold-batches.ts) schedule their expiries in one round trip.
  const scheduleExpiries = batched(async (jobs: { bookingId: string; delayMs: number }[]) => {
    await expirations.addBulk(
      jobs.map(({ bookingId, delayMs }) => ({
        name: 'expire',
        data: { bookingId },
        opts: { jobId: expirationJobId(bookingId), delay: Math.max(0, delayMs) },
      })),
    )
    return jobs.map(() => undefined)
  })

  return {
    payments,
    expirations,
    maintenance,
    async enqueuePayment(data) {
      await payments.add('charge', data, { jobId: paymentJobId(data.paymentId) })
    },
    scheduleExpiry: (bookingId, delayMs) => scheduleExpiries({ bookingId, delayMs }),
    async close() {
      await Promise.allSettled([payments.close(), expirations.close(), maintenance.close()])
      await connection.quit().catch(() => undefined)
    },
  }
}
