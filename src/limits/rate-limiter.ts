import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { Logger } from '../logger.ts'

/**
 * Fixed-window counters in Redis, shared by every API process.
 *
 * Key: `<REDIS_PREFIX>:ratelimit:<rule>:<subject>` — the rule names what is counted (e.g.
 * `book-seats`), the subject whom (a user id, an address, a hashed email). Value: the number of
 * hits in the current window. TTL: the rest of the window, set by the hit that opened it.
 */
export const rateLimitKey = (prefix: string, rule: string, subject: string) => `${prefix}:ratelimit:${rule}:${subject}`

/** Subjects that users type (emails) enter keys hashed: no personal data in Redis, bounded length. */
export const hashedSubject = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32)

// INCRBY and PEXPIRE in one script: a crash between them must not leave a counter without an expiry.
const HIT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`

export interface Verdict {
  allowed: boolean
  /** How long until the window resets; 0 when allowed. */
  retryAfterMs: number
}

const ALLOWED: Verdict = { allowed: true, retryAfterMs: 0 }

type ScriptRedis = Redis & { rateLimitHit(key: string, windowMs: number, cost: number): Promise<[number, number]> }

/**
 * Counts and checks hits. Redis trouble fails open (logged): an abuse limit must not take the API
 * down with it; the seat holds and the database guards still protect the data.
 */
export class RateLimiter {
  private readonly redis: ScriptRedis

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.redis = redis as ScriptRedis
    if (!('rateLimitHit' in redis)) redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT })
  }

  /** Counts `cost` hits; refused once more than `limit` fall in the window. A limit of 0 is off. */
  async hit(rule: string, subject: string, limit: number, windowMs: number, cost = 1): Promise<Verdict> {
    if (limit <= 0) return ALLOWED
    try {
      const [count, ttl] = await this.redis.rateLimitHit(rateLimitKey(this.prefix, rule, subject), windowMs, cost)
      return count <= limit ? ALLOWED : { allowed: false, retryAfterMs: Math.max(ttl, 1) }
    } catch (err) {
      this.logger.warn({ err, rule }, 'rate limiter unavailable; allowing the request')
      return ALLOWED
    }
  }

  /** Checks without counting: refused once `limit` hits are already in the window. */
  async peek(rule: string, subject: string, limit: number): Promise<Verdict> {
    if (limit <= 0) return ALLOWED
    try {
      const key = rateLimitKey(this.prefix, rule, subject)
      const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)])
      return Number(count ?? 0) < limit ? ALLOWED : { allowed: false, retryAfterMs: Math.max(ttl, 1) }
    } catch (err) {
      this.logger.warn({ err, rule }, 'rate limiter unavailable; allowing the request')
      return ALLOWED
    }
  }

  async reset(rule: string, subject: string): Promise<void> {
    await this.redis.del(rateLimitKey(this.prefix, rule, subject)).catch(() => undefined)
  }
}
