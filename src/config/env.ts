import { z } from 'zod'

/**
 * The one reader of environment variables. Every setting is validated here, all problems are
 * reported at once, and the rest of the code receives a typed, frozen `Config`.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')
const positiveInt = z.coerce.number().int().positive()
const nonNegativeInt = z.coerce.number().int().nonnegative()

const listOf = (value: string) => value.split(',').map((o) => o.trim()).filter(Boolean)

/**
 * Why a CORS_ORIGINS entry could never equal a browser's Origin header, which is exactly
 * scheme://host[:port]: no path, no trailing slash, lower case, no default port (http and https
 * are checked against URL's own serialization; app schemes such as capacitor:// by shape only).
 */
function originProblem(entry: string): string | null {
  if (entry === '*') return null
  let origin = 'null'
  try {
    origin = new URL(entry).origin
  } catch {
    // not a URL at all: no origin to suggest
  }
  const shaped = /^[a-z][a-z\d+.-]*:\/\/[^/?#@\s]+$/i.test(entry)
  if (shaped && (origin === entry || (origin === 'null' && !/^https?:/i.test(entry)))) return null
  const hint = origin === 'null' ? '' : `; browsers send "${origin}"`
  return `"${entry}" is not an origin (scheme://host[:port], nothing more)${hint}`
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Unset: every address, IPv6 and IPv4 (so `localhost` works whichever it resolves to). */
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Connections this process keeps to PostgreSQL (API and worker each have their own pool). */
  DATABASE_POOL_SIZE: positiveInt.max(500).default(20),
  /** Statements are prepared once per connection; turn off behind a pooler that cannot keep them. */
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Where embedded PostgreSQL/Redis keep their data and the development JWT secret lives. */
  DATA_DIR: z.string().min(1).default('.seatgraph'),
  /** Prefix of every BullMQ queue and pub/sub channel, so several deployments can share a Redis. */
  REDIS_PREFIX: z.string().regex(/^[\w.-]+$/).default('seatgraph'),
  SEAT_LOCK_EXPIRY: z.coerce.number().positive().max(24 * 60).default(5),
  PAYMENT_TIMEOUT: positiveInt.default(300_000),
  MAX_SEATS_PER_BOOKING: positiveInt.max(100).default(10),
  /** Unpaid seats one account may hold in one show at once, so nobody can hold a whole show. */
  MAX_HELD_SEATS_PER_USER: positiveInt.default(80),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
  /** Run the background worker inside the API process (default: only in embedded mode). */
  WORKER_IN_PROCESS: bool.optional(),
  /**
   * Payment jobs one worker runs at once. A job spends nearly all its time waiting for the gateway
   * and holds a pooled connection only for its three single statements, so this may exceed
   * DATABASE_POOL_SIZE. Throughput is at most concurrency / gateway latency (100 at 150 ms: ~660/s).
   */
  PAYMENT_CONCURRENCY: positiveInt.max(1000).default(100),
  EXPIRATION_CONCURRENCY: positiveInt.max(1000).default(20),
  GATEWAY_LATENCY_MS: nonNegativeInt.max(60_000).default(150),
  SWEEP_INTERVAL_MS: positiveInt.min(1000).default(30_000),
  /** How long a worker's claim on a job lasts without renewal: a dead worker's jobs rerun after it. */
  JOB_LOCK_MS: positiveInt.min(500).default(30_000),
  /** How long the per-show change log is kept for `seatMap(sinceVersion:)` replay. */
  CHANGELOG_RETENTION_HOURS: z.coerce.number().positive().default(24),
  /**
   * Public seat-map reads are answered from cache while the show is at the version they read;
   * this bounds their age should a publish be lost. 0 turns the cache off.
   */
  RESPONSE_CACHE_MAX_AGE_MS: nonNegativeInt.max(60_000).default(2000),
  SEED_DEMO_DATA: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Browser origins allowed to call the API (comma-separated, or `*`); empty: same-origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .superRefine((value, ctx) => {
      for (const problem of listOf(value).map(originProblem)) if (problem) ctx.addIssue({ code: 'custom', message: problem })
    }),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (for per-IP limits). */
  TRUST_PROXY: bool.default(false),
  GRAPHQL_INTROSPECTION: bool.default(true),
  GRAPHQL_MAX_DEPTH: positiveInt.default(10),
  GRAPHQL_MAX_ALIASES: nonNegativeInt.default(15),
  GRAPHQL_MAX_TOKENS: positiveInt.default(2000),
  GRAPHQL_MAX_COST: positiveInt.default(10_000),
  GRAPHQL_MAX_DIRECTIVES: nonNegativeInt.default(50),
  HTTP_MAX_BODY_BYTES: positiveInt.default(100 * 1024),
  /** Rate limits count per RATE_LIMIT_WINDOW_MS; 0 turns a limit off. */
  RATE_LIMIT_WINDOW_MS: positiveInt.default(60_000),
  RATE_LIMIT_BOOK_SEATS: nonNegativeInt.default(120),
  RATE_LIMIT_USER_MUTATIONS: nonNegativeInt.default(600),
  RATE_LIMIT_SIGNUPS_PER_IP: nonNegativeInt.default(600),
  RATE_LIMIT_LOGINS_PER_IP: nonNegativeInt.default(600),
  /**
   * Failed logIns tolerated within LOGIN_FAILURE_WINDOW_MS: for one account from one address (a
   * guesser there is stopped, the owner elsewhere is not), for one account from all addresses
   * together (a guesser with many addresses), and from one address across accounts.
   */
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_IP: nonNegativeInt.default(10),
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: nonNegativeInt.default(100),
  RATE_LIMIT_LOGIN_FAILURES_PER_IP: nonNegativeInt.default(100),
  LOGIN_FAILURE_WINDOW_MS: positiveInt.default(15 * 60_000),
  WS_MAX_CONNECTIONS: positiveInt.default(10_000),
  WS_MAX_CONNECTIONS_PER_IP: positiveInt.default(1000),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt.default(100),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
})

export type Config = Readonly<{
  env: 'development' | 'test' | 'production'
  host: string | undefined
  port: number
  databaseUrl: string | undefined
  databasePoolSize: number
  databasePreparedStatements: boolean
  redisUrl: string | undefined
  dataDir: string
  redisPrefix: string
  seatLockExpiryMs: number
  paymentTimeoutMs: number
  maxSeatsPerBooking: number
  maxHeldSeatsPerUser: number
  jwtSecret: string | undefined
  jwtTtlSeconds: number
  workerInProcess: boolean | undefined
  paymentConcurrency: number
  expirationConcurrency: number
  gatewayLatencyMs: number
  sweepIntervalMs: number
  jobLockMs: number
  changelogRetentionMs: number
  responseCacheMaxAgeMs: number
  seedDemoData: boolean | undefined
  logLevel: z.infer<typeof schema>['LOG_LEVEL']
  /** Allowed CORS origins; empty = none (same-origin only), ['*'] = any. */
  corsOrigins: readonly string[]
  trustProxy: boolean
  graphql: Readonly<{ introspection: boolean; maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; maxDirectives: number }>
  httpMaxBodyBytes: number
  rateLimits: Readonly<{
    windowMs: number
    bookSeats: number
    userMutations: number
    signUpsPerIp: number
    logInsPerIp: number
    loginFailuresPerAccountAndIp: number
    loginFailuresPerAccount: number
    loginFailuresPerIp: number
    loginFailureWindowMs: number
  }>
  ws: Readonly<{ maxConnections: number; maxConnectionsPerIp: number; maxSubscriptionsPerConnection: number }>
  metricsToken: string | undefined
}>

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

/** Never echoed: a config error ends up in terminals, CI output and log collectors. */
const SECRETS = new Set(['JWT_SECRET', 'METRICS_TOKEN'])
const URLS = new Set(['DATABASE_URL', 'REDIS_URL'])

/** A bad value as a config error may show it: secrets by length only, URLs without passwords. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing'
  if (SECRETS.has(name)) return `${value.length} characters`
  return JSON.stringify(URLS.has(name) ? withoutPassword(value) : value)
}

/**
 * Masks the password of `scheme://user:password@host` (up to the last "@", as a malformed URL may
 * hold an unencoded one; with no "@", whatever follows the first ":" unless it is a port), and any
 * parameter named like a secret (`password=`, `sslpassword=`, `…token=`, `…key=`), in a URL or in
 * libpq's `key=value` form; works on values URL() would refuse.
 */
function withoutPassword(url: string): string {
  const userStart = url.includes('://') ? url.indexOf('://') + 3 : 0
  const at = url.lastIndexOf('@')
  const colon = url.indexOf(':', userStart)
  let masked = url
  if (at > userStart && colon >= 0 && colon < at) masked = `${url.slice(0, colon + 1)}***${url.slice(at)}`
  else if (at < userStart && colon >= 0 && userStart > 0) {
    const end = url.slice(colon + 1).search(/[/?#]|$/) + colon + 1
    if (!/^\d*$/.test(url.slice(colon + 1, end))) masked = `${url.slice(0, colon + 1)}***${url.slice(end)}`
  }
  return masked.replace(/(^|[\s?&;])([^=\s&;]*(?:pass|secret|token|key)[^=\s&;]*=)[^\s&;]*/gi, '$1$2***')
}

export function loadConfig(env: Env = process.env): Config {
  // An empty variable means "not set", as docker-compose and .env files commonly write it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = schema.safeParse(present)
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${shown(String(i.path[0]), present[String(i.path[0])])})`)
  if (parsed.success && parsed.data.NODE_ENV === 'production' && !parsed.data.JWT_SECRET) {
    problems.push('JWT_SECRET: required when NODE_ENV=production')
  }
  if (!parsed.success || problems.length) throw new ConfigError(problems)
  const e = parsed.data
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    redisUrl: e.REDIS_URL,
    dataDir: e.DATA_DIR,
    redisPrefix: e.REDIS_PREFIX,
    seatLockExpiryMs: Math.round(e.SEAT_LOCK_EXPIRY * 60_000),
    paymentTimeoutMs: e.PAYMENT_TIMEOUT,
    maxSeatsPerBooking: e.MAX_SEATS_PER_BOOKING,
    maxHeldSeatsPerUser: e.MAX_HELD_SEATS_PER_USER,
    jwtSecret: e.JWT_SECRET,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    workerInProcess: e.WORKER_IN_PROCESS,
    paymentConcurrency: e.PAYMENT_CONCURRENCY,
    expirationConcurrency: e.EXPIRATION_CONCURRENCY,
    gatewayLatencyMs: e.GATEWAY_LATENCY_MS,
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    jobLockMs: e.JOB_LOCK_MS,
    changelogRetentionMs: Math.round(e.CHANGELOG_RETENTION_HOURS * 3_600_000),
    responseCacheMaxAgeMs: e.RESPONSE_CACHE_MAX_AGE_MS,
    seedDemoData: e.SEED_DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    corsOrigins: listOf(e.CORS_ORIGINS),
    trustProxy: e.TRUST_PROXY,
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION,
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxCost: e.GRAPHQL_MAX_COST,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
    },
    httpMaxBodyBytes: e.HTTP_MAX_BODY_BYTES,
    rateLimits: {
      windowMs: e.RATE_LIMIT_WINDOW_MS,
      bookSeats: e.RATE_LIMIT_BOOK_SEATS,
      userMutations: e.RATE_LIMIT_USER_MUTATIONS,
      signUpsPerIp: e.RATE_LIMIT_SIGNUPS_PER_IP,
      logInsPerIp: e.RATE_LIMIT_LOGINS_PER_IP,
      loginFailuresPerAccountAndIp: e.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_IP,
      loginFailuresPerAccount: e.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT,
      loginFailuresPerIp: e.RATE_LIMIT_LOGIN_FAILURES_PER_IP,
      loginFailureWindowMs: e.LOGIN_FAILURE_WINDOW_MS,
    },
    ws: {
      maxConnections: e.WS_MAX_CONNECTIONS,
      maxConnectionsPerIp: e.WS_MAX_CONNECTIONS_PER_IP,
      maxSubscriptionsPerConnection: e.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    },
    metricsToken: e.METRICS_TOKEN,
  })
}
