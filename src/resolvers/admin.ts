import type { Job as BullJob, Queue } from 'bullmq'
import { GraphQLError } from 'graphql'
import type { Context } from '../context.ts'

export type QueueName = 'PAYMENTS' | 'EXPIRATIONS'

export interface JobView {
  id: string
  queue: QueueName
  name: string
  state: string
  data: string
  attemptsMade: number
  failedReason: string | null
  createdAt: Date
  finishedAt: Date | null
}

const queueOf = (ctx: Context, name: QueueName): Queue =>
  name === 'PAYMENTS' ? ctx.services.queues.payments : ctx.services.queues.expirations

const fail = (message: string, code: string) => new GraphQLError(message, { extensions: { code } })

export async function queueStats(ctx: Context, name: QueueName) {
  const queue = queueOf(ctx, name)
  const [counts, paused] = await Promise.all([
    queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'),
    queue.isPaused(),
  ])
  return {
    queue: name,
    paused,
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    completed: counts.completed ?? 0,
    failed: counts.failed ?? 0,
  }
}

async function view(name: QueueName, job: BullJob): Promise<JobView> {
  const state = await job.getState()
  return {
    id: job.id!,
    queue: name,
    name: job.name,
    state: state === 'waiting-children' ? 'WAITING_CHILDREN' : state.toUpperCase(),
    data: JSON.stringify(job.data),
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ?? null,
    createdAt: new Date(job.timestamp),
    finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
  }
}

export async function failedJobs(ctx: Context, name: QueueName, first: number, offset: number) {
  if (first < 1 || first > 100) throw fail('first must be between 1 and 100.', 'VALIDATION')
  if (offset < 0) throw fail('offset must be 0 or more.', 'VALIDATION')
  const jobs = await queueOf(ctx, name).getFailed(offset, offset + first - 1)
  return Promise.all(jobs.filter(Boolean).map((j) => view(name, j)))
}

/** Re-queues a failed job. Payment jobs are idempotent by payment id: a retry never charges twice. */
export async function retryJob(ctx: Context, name: QueueName, jobId: string) {
  const job = await queueOf(ctx, name).getJob(jobId)
  if (!job) throw fail(`No job ${jobId} in the ${name} queue.`, 'NOT_FOUND')
  const state = await job.getState()
  if (state !== 'failed') throw fail(`Job ${jobId} is ${state}; only failed jobs can be retried.`, 'INVALID_STATE')
  await job.retry('failed')
  ctx.services.logger.info({ queue: name, jobId, admin: ctx.viewer?.id }, 'job retried by admin')
  return view(name, job)
}

/**
 * Pauses the queue for every worker process. Pausing EXPIRATIONS only delays exact-time expiry:
 * the sweeper runs on its own queue and still expires overdue holds every SWEEP_INTERVAL_MS.
 */
export async function setPaused(ctx: Context, name: QueueName, paused: boolean) {
  const queue = queueOf(ctx, name)
  await (paused ? queue.pause() : queue.resume())
  ctx.services.logger.info({ queue: name, paused, admin: ctx.viewer?.id }, 'queue paused state changed by admin')
  return queueStats(ctx, name)
}
