import type { Redis } from 'ioredis'
import type { Config } from './config/env.ts'
import { createDatabase, type Db, type DbOptions } from './db/client.ts'
import type { Sql } from './db/sql.ts'
import { createQueues, type Queues } from './jobs/queues.ts'
import { createLogger, type Logger } from './logger.ts'
import { createPubSub, type PubSub } from './pubsub/pubsub.ts'
import { createRedis } from './redis/connections.ts'
import { SeatMapHub } from './pubsub/seat-map-hub.ts'
import { ShowVersions } from './pubsub/show-versions.ts'
import { createGateway, type PaymentGateway } from './domain/payments/gateway.ts'
import { SeatMapCache } from './domain/shows/seat-map.ts'
import { TokenService } from './domain/auth/tokens.ts'
import { createLimits, type Limits } from './limits/limits.ts'
import { createMetrics, type Metrics } from './http/metrics.ts'

/** Resolved connection settings: embedded mode fills these in before services start. */
export type ResolvedConfig = Config & { databaseUrl: string; redisUrl: string; jwtSecret: string }

/**
 * Everything a process shares across requests and jobs, built once from config. Tests build one
 * per test file against their own database, so nothing here may be a module-level singleton.
 */
export interface Services {
  config: ResolvedConfig
  logger: Logger
  prisma: Db
  /** Hand-written hot-path statements on Prisma's pool (see db/sql.ts). */
  sql: Sql
  /** Request-path commands: seat locks, rate limits. Never BullMQ's or pub/sub's connection. */
  redis: Redis
  pubsub: PubSub
  seatMaps: SeatMapHub
  seatMapCache: SeatMapCache
  /** Newest known seat-map version per show; API processes start its feed for cached answers. */
  showVersions: ShowVersions
  queues: Queues
  gateway: PaymentGateway
  tokens: TokenService
  /** Rate limits (Redis counters on `redis`). */
  limits: Limits
  /** Prometheus metrics on a registry of this instance. */
  metrics: Metrics
  close(): Promise<void>
}

export function createServices(
  config: ResolvedConfig,
  logger: Logger = createLogger(config),
  dbOptions: DbOptions = {},
): Services {
  const db = createDatabase(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    preparedStatements: config.databasePreparedStatements,
    ...dbOptions,
  })
  const { prisma, sql } = db
  const redis = createRedis(config.redisUrl, 'commands')
  const pubsub = createPubSub(config.redisUrl, config.redisPrefix, logger)
  const queues = createQueues(config.redisUrl, config.redisPrefix, logger)
  const seatMaps = new SeatMapHub(prisma, pubsub, logger)
  const showVersions = new ShowVersions(pubsub, logger)
  const gateway = createGateway(prisma, sql, { latencyMs: config.gatewayLatencyMs })
  redis.on('error', (err) => logger.warn({ err }, 'redis (commands) error'))
  const metrics = createMetrics({ prisma, queues, seatMaps, logger })
  return {
    config,
    logger,
    prisma,
    sql,
    redis,
    pubsub,
    seatMaps,
    seatMapCache: new SeatMapCache(),
    showVersions,
    queues,
    gateway,
    tokens: new TokenService(config.jwtSecret, config.jwtTtlSeconds),
    limits: createLimits(redis, config, logger, (rule) => metrics.rateLimited.inc({ rule })),
    metrics,
    async close() {
      seatMaps.close()
      showVersions.close()
      await Promise.allSettled([queues.close(), pubsub.close()])
      await Promise.allSettled([redis.quit(), db.close()])
    },
  }
}
