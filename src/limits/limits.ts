import { GraphQLError } from 'graphql'
import type { Redis } from 'ioredis'
import type { Config } from '../config/env.ts'
import { DomainError, ValidationError } from '../domain/errors.ts'
import type { Logger } from '../logger.ts'
import { hashedSubject, RateLimiter, type Verdict } from './rate-limiter.ts'

/** Rule names: the `<rule>` part of the Redis keys (src/limits/rate-limiter.ts). */
export const RULE = {
  bookSeats: 'book-seats',
  userMutations: 'user-mutations',
  signUpsPerIp: 'signup-ip',
  logInsPerIp: 'login-ip',
  loginFailuresPerAccountAndIp: 'login-fail-account-ip',
  loginFailuresPerAccount: 'login-fail-account',
  loginFailuresPerIp: 'login-fail-ip',
} as const
export type RuleName = (typeof RULE)[keyof typeof RULE]

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000))

/** Over a limit outside a mutation result union: a GraphQL error, as the contract does for auth. */
export function rateLimitedError(message: string, retryAfterMs: number) {
  return new GraphQLError(`${message} Try again in ${seconds(retryAfterMs)} s.`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds(retryAfterMs) },
  })
}

export interface Limits {
  /** Per user; over the limit throws a DomainError RATE_LIMITED, which bookSeats answers as data. */
  bookSeats(userId: string): Promise<void>
  /** Per user, every other mutation field of an operation counts (see limits-plugin.ts). */
  userMutations(userId: string, fields: number): Promise<Verdict>
  /** Per address; over the limit throws a RATE_LIMITED GraphQLError. */
  signUp(ip: string): Promise<void>
  /**
   * Runs a logIn attempt under the per-address limits and the failure limits. Only failures count,
   * and mostly per account and address: a guesser is stopped after a few tries while the owner,
   * logging in from anywhere else, never notices. A guesser spread over many addresses meets the
   * far higher account-wide cap, the one case where the owner waits out the window too.
   */
  logIn<T>(ip: string, email: string, attempt: () => Promise<T>): Promise<T>
}

export function createLimits(redis: Redis, config: Config, logger: Logger, onRefused: (rule: RuleName) => void = () => {}): Limits {
  const limiter = new RateLimiter(redis, config.redisPrefix, logger)
  const r = config.rateLimits
  const note = (rule: RuleName) => {
    onRefused(rule)
    logger.info({ rule }, 'rate limited')
  }
  const refuse = (rule: RuleName, verdict: Verdict, message: string) => {
    note(rule)
    return rateLimitedError(message, verdict.retryAfterMs)
  }

  return {
    async bookSeats(userId) {
      const verdict = await limiter.hit(RULE.bookSeats, userId, r.bookSeats, r.windowMs)
      if (verdict.allowed) return
      note(RULE.bookSeats)
      const retryAfter = seconds(verdict.retryAfterMs)
      throw new DomainError('RATE_LIMITED', `Too many booking attempts; try again in ${retryAfter} s.`, retryAfter)
    },

    async userMutations(userId, fields) {
      const verdict = await limiter.hit(RULE.userMutations, userId, r.userMutations, r.windowMs, fields)
      if (!verdict.allowed) note(RULE.userMutations)
      return verdict
    },

    async signUp(ip) {
      const verdict = await limiter.hit(RULE.signUpsPerIp, ip, r.signUpsPerIp, r.windowMs)
      if (!verdict.allowed) throw refuse(RULE.signUpsPerIp, verdict, 'Too many sign-ups from this address.')
    },

    async logIn(ip, email, attempt) {
      const normalized = String(email ?? '').trim().toLowerCase()
      const account = hashedSubject(normalized)
      const accountHere = hashedSubject(`${normalized}|${ip}`)
      const [perIp, hereFailures, accountFailures, ipFailures] = await Promise.all([
        limiter.hit(RULE.logInsPerIp, ip, r.logInsPerIp, r.windowMs),
        limiter.peek(RULE.loginFailuresPerAccountAndIp, accountHere, r.loginFailuresPerAccountAndIp),
        limiter.peek(RULE.loginFailuresPerAccount, account, r.loginFailuresPerAccount),
        limiter.peek(RULE.loginFailuresPerIp, ip, r.loginFailuresPerIp),
      ])
      if (!perIp.allowed) throw refuse(RULE.logInsPerIp, perIp, 'Too many log-in attempts from this address.')
      if (!hereFailures.allowed) throw refuse(RULE.loginFailuresPerAccountAndIp, hereFailures, 'Too many failed log-ins for this account.')
      if (!accountFailures.allowed) throw refuse(RULE.loginFailuresPerAccount, accountFailures, 'Too many failed log-ins for this account.')
      if (!ipFailures.allowed) throw refuse(RULE.loginFailuresPerIp, ipFailures, 'Too many failed log-ins from this address.')
      try {
        const result = await attempt()
        // Only this address's count: a success here says nothing of guessers elsewhere.
        await limiter.reset(RULE.loginFailuresPerAccountAndIp, accountHere)
        return result
      } catch (err) {
        if (err instanceof ValidationError) {
          await Promise.all([
            limiter.hit(RULE.loginFailuresPerAccountAndIp, accountHere, r.loginFailuresPerAccountAndIp, r.loginFailureWindowMs),
            limiter.hit(RULE.loginFailuresPerAccount, account, r.loginFailuresPerAccount, r.loginFailureWindowMs),
            limiter.hit(RULE.loginFailuresPerIp, ip, r.loginFailuresPerIp, r.loginFailureWindowMs),
          ])
        }
        throw err
      }
    },
  }
}
