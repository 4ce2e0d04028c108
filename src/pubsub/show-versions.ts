import type { Logger } from '../logger.ts'
import type { PubSub } from './pubsub.ts'

/** Past this many shows the registry starts afresh rather than grow without bound. */
const MAX_SHOWS = 100_000

/**
 * The newest seat-map version this process knows of, per show. Fed by every committed change:
 * this process's own (synchronously, before a mutation answers, so a client reads its writes)
 * and every other process's (a pattern subscription on the seatmap topic). Answers cached per
 * version are served only while they match it (see http/response-cache.ts).
 *
 * Pub/sub delivers at most once: while the subscriber connection is down messages are lost, so
 * the registry is not `live` and `epoch` moves on, voiding everything cached before.
 */
export class ShowVersions {
  private readonly latest = new Map<string, number>()
  private unsubscribe: (() => void) | null = null
  private started = false
  /** True while the subscription is known to be delivering. */
  live = false
  /** Bumped whenever messages may have been missed; entries of an older epoch are void. */
  epoch = 0

  constructor(
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
  ) {}

  /** Subscribes once; until the subscription is confirmed nothing may be cached. */
  start(): void {
    if (this.started) return
    this.started = true
    this.pubsub.onConnectionChange((up) => {
      this.forget()
      this.live = up && this.unsubscribe !== null
    })
    this.pubsub
      .subscribeAll('seatmap', (event) => this.observe(event.showId, event.version))
      .then((unsubscribe) => {
        this.unsubscribe = unsubscribe
        this.forget()
        this.live = true
      })
      .catch((err: unknown) => this.logger.warn({ err }, 'seat-map version feed unavailable; answers are not cached'))
  }

  observe(showId: string, version: number): void {
    const known = this.latest.get(showId)
    if (known !== undefined && known >= version) return
    if (known === undefined && this.latest.size >= MAX_SHOWS) this.forget()
    this.latest.set(showId, version)
  }

  current(showId: string): number | undefined {
    return this.latest.get(showId)
  }

  close(): void {
    this.live = false
    this.unsubscribe?.()
    this.unsubscribe = null
  }

  private forget() {
    this.latest.clear()
    this.epoch++
  }
}
