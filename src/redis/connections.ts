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
    // Publishes issued in the same tick (a settled payment's seat-map and booking events, and
    // those of other jobs) leave in one socket write: each write costs more CPU than the command.
    enableAutoPipelining: role === 'publisher',
    ...extra,
  }
  return new Redis(url, options)
}
