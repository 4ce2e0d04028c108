import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Db } from '../db/client.ts'
import type { Queues } from '../jobs/queues.ts'
import type { Logger } from '../logger.ts'
import type { SeatMapHub } from '../pubsub/seat-map-hub.ts'

/**
 * Prometheus metrics of one services instance, on a registry of its own (tests build several
 * stacks per process; the global registry would mix them). Counters are updated as things
 * happen; the gauges of state (holds, queue depths, subscribers) are read on scrape, cheaply.
 */
export type Metrics = ReturnType<typeof createMetrics>

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const

export function createMetrics(deps: { prisma: Db; queues: Queues; seatMaps: SeatMapHub; logger: Logger }) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  const quietly = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn()
    } catch (err) {
      deps.logger.warn({ err }, `metrics: reading ${what} failed`)
    }
  }

  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method and route.',
      labelNames: ['method', 'route'] as const,
      buckets: DURATION_BUCKETS,
      registers,
    }),
    responseCache: new Counter({
      name: 'graphql_response_cache_total',
      help: 'Public seat-map reads answered from cache (hit) and answers stored (store).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    graphqlOperations: new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations by type, name and outcome (ok, error).',
      labelNames: ['type', 'name', 'outcome'] as const,
      registers,
    }),
    graphqlDuration: new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL execution time by operation type and name (subscriptions: until the first result).',
      labelNames: ['type', 'name'] as const,
      buckets: DURATION_BUCKETS,
      registers,
    }),
    bookingMutations: new Counter({
      name: 'seatgraph_booking_mutations_total',
      help: 'bookSeats/confirmBooking/cancelBooking by outcome: success, an ErrorCode, or error (a GraphQL error).',
      labelNames: ['mutation', 'outcome'] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: 'seatgraph_rate_limited_total',
      help: 'Requests refused by a rate limit, by rule.',
      labelNames: ['rule'] as const,
      registers,
    }),
    wsConnections: new Gauge({ name: 'seatgraph_ws_connections', help: 'Open graphql-ws connections.', registers }),
    seatMapSubscribers: new Gauge({
      name: 'seatgraph_seat_map_subscribers',
      help: 'seatMap subscriptions served by this process.',
      registers,
      collect() {
        this.set(deps.seatMaps.subscriberCount)
      },
    }),
    holdsActive: new Gauge({
      name: 'seatgraph_holds_active',
      help: 'Seats LOCKED by an unexpired hold, across all shows.',
      registers,
      async collect() {
        await quietly('holds', async () => {
          // Served by the lock_expires_at index: only live holds are visited.
          const [row] = await deps.prisma.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM seats WHERE lock_expires_at > now() AND status = 'LOCKED'`
          this.set(row?.n ?? 0)
        })
      },
    }),
    queueJobs: new Gauge({
      name: 'seatgraph_queue_jobs',
      help: 'BullMQ jobs by queue and state.',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        await quietly('queue depths', async () => {
          const { payments, expirations, maintenance } = deps.queues
          for (const queue of [payments, expirations, maintenance]) {
            const counts = await queue.getJobCounts(...QUEUE_STATES)
            for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0)
          }
        })
      },
    }),
  }
}
