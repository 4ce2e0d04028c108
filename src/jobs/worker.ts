import { Worker, type Job } from 'bullmq'
import type { Redis } from 'ioredis'
import { createRedis } from '../redis/connections.ts'
import type { Services } from '../services.ts'
import { processExpiration } from './expirations/processor.ts'
import { processMaintenance } from './maintenance/processor.ts'
import { processPayment } from './payments/processor.ts'
import { QUEUE } from './queues.ts'

export interface Workers {
  close(): Promise<void>
}

/**
 * Starts the processors of every queue. Each Worker gets its own blocking connection
 * (maxRetriesPerRequest: null); the sweeper is registered as a job scheduler, so however many
 * worker processes run, it fires once per interval.
 */
export async function startWorkers(services: Services): Promise<Workers> {
  const { config, logger } = services
  const connections: Redis[] = []
  const make = <T>(name: string, concurrency: number, run: (job: Job<T>, token?: string) => Promise<unknown>) => {
    const connection = createRedis(config.redisUrl, 'worker')
    connections.push(connection)
    const worker = new Worker<T>(name, run, {
      connection,
      prefix: config.redisPrefix,
      concurrency,
      // A worker that dies mid-job stops renewing its lock; the job is then stalled and rerun.
      lockDuration: config.jobLockMs,
      stalledInterval: Math.max(250, Math.round(config.jobLockMs / 2)),
      maxStalledCount: 3,
    })
    worker.on('error', (err) => logger.error({ err, queue: name }, 'worker error'))
    worker.on('failed', (job, err) =>
      logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'),
    )
    return worker
  }
  const workers = [
    make(QUEUE.payments, config.paymentConcurrency, (job) => processPayment(services, job as never)),
    make(QUEUE.expirations, config.expirationConcurrency, (job, token) => processExpiration(services, job as never, token)),
    make(QUEUE.maintenance, 1, (job) => processMaintenance(services, job as never)),
  ]
  // The schedule lives in Redis, which can forget it (restart, FLUSHALL); re-asserting it is idempotent.
  const schedule = () =>
    services.queues.maintenance
      .upsertJobScheduler('sweep', { every: config.sweepIntervalMs }, { name: 'sweep' })
      .catch((err: unknown) => logger.warn({ err }, 'could not register the sweeper'))
  await schedule()
  const reassert = setInterval(schedule, config.sweepIntervalMs)
  logger.info({ queues: Object.values(QUEUE) }, 'workers started')
  return {
    async close() {
      clearInterval(reassert)
      // close() waits for the jobs in hand to finish; nothing new is taken meanwhile.
      await Promise.allSettled(workers.map((w) => w.close()))
      await Promise.allSettled(connections.map((c) => c.quit()))
    },
  }
}
