import { builder } from './builder.ts'
import { failedJobs, queueStats, retryJob, setPaused, type JobView, type QueueName as Name } from '../resolvers/admin.ts'

const QueueName = builder.enumType('QueueName', { values: ['PAYMENTS', 'EXPIRATIONS'] as const })
const JobState = builder.enumType('JobState', {
  values: ['WAITING', 'ACTIVE', 'DELAYED', 'COMPLETED', 'FAILED', 'PAUSED', 'PRIORITIZED', 'WAITING_CHILDREN'] as const,
})

const QueueStats = builder.objectRef<Awaited<ReturnType<typeof queueStats>>>('QueueStats').implement({
  fields: (t) => ({
    queue: t.field({ type: QueueName, resolve: (s) => s.queue }),
    paused: t.exposeBoolean('paused'),
    waiting: t.exposeInt('waiting'),
    active: t.exposeInt('active'),
    delayed: t.exposeInt('delayed'),
    completed: t.exposeInt('completed'),
    failed: t.exposeInt('failed'),
  }),
})

const Job = builder.objectRef<JobView>('Job').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    queue: t.field({ type: QueueName, resolve: (j) => j.queue }),
    name: t.exposeString('name'),
    state: t.field({ type: JobState, resolve: (j) => j.state as never }),
    data: t.exposeString('data', { description: 'JSON' }),
    attemptsMade: t.exposeInt('attemptsMade'),
    failedReason: t.exposeString('failedReason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
})

const queues: Name[] = ['PAYMENTS', 'EXPIRATIONS']

builder.queryFields((t) => ({
  queueStats: t.field({
    type: [QueueStats],
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => Promise.all(queues.map((q) => queueStats(ctx, q))),
  }),
  failedJobs: t.field({
    type: [Job],
    authScopes: { admin: true },
    args: {
      queue: t.arg({ type: QueueName, required: true }),
      first: t.arg.int({ defaultValue: 20 }),
      offset: t.arg.int({ defaultValue: 0 }),
    },
    resolve: (_root, args, ctx) => failedJobs(ctx, args.queue, args.first ?? 20, args.offset ?? 0),
  }),
}))

builder.mutationFields((t) => ({
  retryJob: t.field({
    type: Job,
    authScopes: { admin: true },
    args: { queue: t.arg({ type: QueueName, required: true }), jobId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => retryJob(ctx, args.queue, args.jobId),
  }),
  pauseQueue: t.field({
    type: QueueStats,
    authScopes: { admin: true },
    args: { queue: t.arg({ type: QueueName, required: true }) },
    resolve: (_root, args, ctx) => setPaused(ctx, args.queue, true),
  }),
  resumeQueue: t.field({
    type: QueueStats,
    authScopes: { admin: true },
    args: { queue: t.arg({ type: QueueName, required: true }) },
    resolve: (_root, args, ctx) => setPaused(ctx, args.queue, false),
  }),
}))
