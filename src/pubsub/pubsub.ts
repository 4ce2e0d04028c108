import { RedisPubSub } from 'graphql-redis-subscriptions'
import type { Logger } from '../logger.ts'
import { createRedis } from '../redis/connections.ts'
import type { Topic, Topics } from './topics.ts'

export interface PubSub {
  publish<T extends Topic>(topic: T, key: string, payload: Topics[T]): Promise<void>
  /** Calls `onMessage` for each payload on the topic's key; resolves to an unsubscribe function. */
  subscribe<T extends Topic>(topic: T, key: string, onMessage: (payload: Topics[T]) => void): Promise<() => void>
  /** Every key of a topic (a pattern subscription), e.g. each show's seat-map changes. */
  subscribeAll<T extends Topic>(topic: T, onMessage: (payload: Topics[T]) => void): Promise<() => void>
  /** Told when the subscriber connection drops (messages may be lost) and when it is back. */
  onConnectionChange(listener: (up: boolean) => void): void
  close(): Promise<void>
}

/**
 * Redis pub/sub with its own publisher and subscriber connections, so every API instance and
 * worker sees every change. Delivery is at most once and unordered across publishers: the seat
 * map hub restores order and fills gaps from the change log.
 */
export function createPubSub(redisUrl: string, prefix: string, logger: Logger): PubSub {
  const publisher = createRedis(redisUrl, 'publisher')
  const subscriber = createRedis(redisUrl, 'subscriber')
  for (const [name, conn] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
    conn.on('error', (err) => logger.warn({ err }, `redis (${name}) error`))
  }
  const engine = new RedisPubSub({ publisher, subscriber })
  const channel = (topic: Topic, key: string) => `${prefix}:${topic}:${key}`

  return {
    async publish(topic, key, payload) {
      try {
        await engine.publish(channel(topic, key), payload)
      } catch (err) {
        // A lost publish is healed by subscribers from the change log; it must not fail the write.
        logger.warn({ err, topic, key }, 'publish failed')
      }
    },
    async subscribe(topic, key, onMessage) {
      const id = await engine.subscribe(channel(topic, key), onMessage as (m: unknown) => void)
      return () => engine.unsubscribe(id)
    },
    async subscribeAll(topic, onMessage) {
      // REDIS_PREFIX admits no glob characters, so the prefix matches itself.
      const id = await engine.subscribe(channel(topic, '*'), onMessage as (m: unknown) => void, { pattern: true })
      return () => engine.unsubscribe(id)
    },
    onConnectionChange(listener) {
      subscriber.on('close', () => listener(false))
      subscriber.on('ready', () => listener(true))
    },
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()])
    },
  }
}
