import type { Redis } from 'ioredis'

/**
 * Redis seat holds: the fast filter in front of PostgreSQL's guarded update.
 *
 * Key: `seatlock:{<showId>}:<seatId>` — one key per seat (never per seat set, or overlapping sets
 * would not conflict); the braces are a Redis Cluster hash tag so one show's keys share a slot and
 * one script can touch them all. Value: the holding booking's id (its owner token). TTL: the hold.
 */
export const seatLockKey = (showId: string, seatId: string) => `seatlock:{${showId}}:${seatId}`

// All or none: report every key held by another token, set nothing unless none is.
const ACQUIRE = `
local taken = {}
for i, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if owner and owner ~= ARGV[1] then taken[#taken + 1] = i end
end
if #taken > 0 then return taken end
for _, key in ipairs(KEYS) do redis.call('SET', key, ARGV[1], 'PX', ARGV[2]) end
return taken
`

// Compare-and-delete: a plain DEL after our TTL lapsed would free somebody else's fresh hold.
const RELEASE = `
local n = 0
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then n = n + redis.call('DEL', key) end
end
return n
`

// Compare-and-extend, re-creating a key Redis forgot (PostgreSQL already says the seat is ours).
const EXTEND = `
for _, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if not owner or owner == ARGV[1] then redis.call('SET', key, ARGV[1], 'PX', ARGV[2]) end
end
return 1
`

type ScriptRedis = Redis & Record<'seatlockAcquire' | 'seatlockRelease' | 'seatlockExtend', (...args: (string | number)[]) => Promise<unknown>>

/** Holds, releases and extends seat locks; scripts run by EVALSHA (ioredis defineCommand). */
export class SeatLocks {
  private readonly redis: ScriptRedis

  constructor(redis: Redis) {
    this.redis = redis as ScriptRedis
    if (!('seatlockAcquire' in redis)) {
      redis.defineCommand('seatlockAcquire', { lua: ACQUIRE })
      redis.defineCommand('seatlockRelease', { lua: RELEASE })
      redis.defineCommand('seatlockExtend', { lua: EXTEND })
    }
  }

  /** Holds every seat for `ttlMs`, or none; returns the seat ids somebody else holds. */
  async acquire(showId: string, seatIds: string[], token: string, ttlMs: number): Promise<string[]> {
    const keys = seatIds.map((id) => seatLockKey(showId, id))
    const taken = (await this.redis.seatlockAcquire(keys.length, ...keys, token, ms(ttlMs))) as number[]
    return taken.map((i) => seatIds[i - 1]!)
  }

  async release(showId: string, seatIds: string[], token: string): Promise<number> {
    if (!seatIds.length) return 0
    const keys = seatIds.map((id) => seatLockKey(showId, id))
    return (await this.redis.seatlockRelease(keys.length, ...keys, token)) as number
  }

  async extend(showId: string, seatIds: string[], token: string, ttlMs: number): Promise<void> {
    if (!seatIds.length) return
    const keys = seatIds.map((id) => seatLockKey(showId, id))
    await this.redis.seatlockExtend(keys.length, ...keys, token, ms(ttlMs))
  }
}

const ms = (n: number) => Math.max(1, Math.round(n))
