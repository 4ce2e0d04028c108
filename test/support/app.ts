import { randomUUID } from 'node:crypto'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print } from 'graphql'
import { Redis } from 'ioredis'
import pg from 'pg'
import { pino } from 'pino'
import { inject } from 'vitest'
import { loadConfig } from '../../src/config/env.ts'
import { createApiServer, type ApiServer } from '../../src/http/api-server.ts'
import { createYogaServer } from '../../src/http/yoga.ts'
import { startWorkers, type Workers } from '../../src/jobs/worker.ts'
import { createServices, type ResolvedConfig, type Services } from '../../src/services.ts'
import { databaseUrl, TEST_PG_ADMIN_URL, TEST_REDIS_URL } from './env.ts'
import { createFactory } from './factory.ts'

export interface GqlResult<T> {
  data?: T | null
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[]
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

async function cloneTemplate(name: string) {
  const template = inject('templateDatabase')
  for (let attempt = 0; ; attempt++) {
    try {
      return await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`))
    } catch (err) {
      // Two files cloning the same template at once can collide; it clears in a moment.
      if (attempt > 20 || !/being accessed by other users/.test(String(err))) throw err
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200))
    }
  }
}

/**
 * A whole seatgraph stack for one test file: its own database (cloned from the migrated
 * template), its own Redis prefix for queues and pub/sub, real PostgreSQL and Redis underneath.
 */
export async function createTestApp(env: Record<string, string> = {}) {
  const id = randomUUID().slice(0, 8)
  const dbName = `sg_t_${Math.floor(Date.now() / 1000)}_${id}`
  await cloneTemplate(dbName)
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(dbName),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `test-${id}`,
    JWT_SECRET: `test-secret-${id}-0123456789abcdefghijklmnopqrstuvwxyz`,
    GATEWAY_LATENCY_MS: '0',
    LOG_LEVEL: 'silent',
    // Files run in parallel, each with a few stacks: stay well inside PostgreSQL's max_connections.
    DATABASE_POOL_SIZE: '5',
    ...env,
  }) as ResolvedConfig
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })
  const queries: string[] = []
  const services = createServices(config, logger, { onQuery: (q) => queries.push(q) })
  const yoga = createYogaServer(services)
  const workers: Workers[] = []
  const servers: ApiServer[] = []
  const extraServices: Services[] = []

  async function gql<T, V>(doc: TypedDocumentNode<T, V> | string, variables?: V, token?: string | null): Promise<GqlResult<T>> {
    const res = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: typeof doc === 'string' ? doc : print(doc), variables }),
    })
    return (await res.json()) as GqlResult<T>
  }

  return {
    id,
    config,
    services,
    prisma: services.prisma,
    yoga,
    queries,
    gql,
    factory: createFactory(services),
    /** Starts a worker (payments, expirations, sweeper) sharing this app's database and queues. */
    async startWorker(overrides: Record<string, string> = {}) {
      const own = Object.keys(overrides).length
        ? createServices(loadConfig({ ...configEnv(config), ...overrides }) as ResolvedConfig, logger)
        : services
      if (own !== services) extraServices.push(own)
      const w = await startWorkers(own)
      workers.push(w)
      return w
    },
    /** Another API instance on its own port and its own connections, as a second process would have. */
    async listen(): Promise<{ url: string; ws: string; services: Services }> {
      const own = servers.length === 0 ? services : createServices(config, logger)
      if (own !== services) extraServices.push(own)
      const server = createApiServer(own)
      servers.push(server)
      const port = await server.start(0, '127.0.0.1')
      return { url: `http://127.0.0.1:${port}/graphql`, ws: `ws://127.0.0.1:${port}/graphql`, services: own }
    },
    async close() {
      await Promise.allSettled(servers.map((s) => s.stop()))
      await Promise.allSettled(workers.map((w) => w.close()))
      for (const q of [services.queues.payments, services.queues.expirations, services.queues.maintenance]) {
        await q.obliterate({ force: true }).catch(() => undefined)
      }
      await Promise.allSettled([services, ...extraServices].map((s) => s.close()))
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`))
    },
  }
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>

function configEnv(config: ResolvedConfig): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    REDIS_PREFIX: config.redisPrefix,
    JWT_SECRET: config.jwtSecret,
    SEAT_LOCK_EXPIRY: String(config.seatLockExpiryMs / 60_000),
    PAYMENT_TIMEOUT: String(config.paymentTimeoutMs),
    GATEWAY_LATENCY_MS: String(config.gatewayLatencyMs),
    LOG_LEVEL: 'silent',
    DATABASE_POOL_SIZE: String(config.databasePoolSize),
  }
}

/** A raw Redis client for tests that break things on purpose (FLUSHALL, dropped publishes). */
export const testRedis = () => new Redis(TEST_REDIS_URL)
