import { Redis, type RedisOptions } from 'ioredis'

/**
 * Every role gets its own connection: BullMQ blocks on its connections, a subscriber connection
 * can issue nothing but (P)SUBSCRIBE, and request traffic must never queue behind either.
 */
export type RedisRole = 'commands' | 'publisher' | 'subscriber' | 'queue' | 'worker'

export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const options: RedisOptions = {
    connectionName: `seatgraph:${role}`,
    // BullMQ workers must retry forever; request-path commands fail fast instead of piling up.
    maxRetriesPerRequest: role === 'worker' || role === 'subscriber' ? null : 3,
    // Request-path commands and publishes issued in the same tick leave in one write: under load a
    // socket write per command cost more CPU than the commands themselves. (Not for BullMQ's
    // connections, which run MULTI and blocking commands of their own.)
    enableAutoPipelining: role === 'commands' || role === 'publisher',
    ...extra,
  }
  return new Redis(url, options)
}
