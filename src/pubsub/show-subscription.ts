import { GraphQLError } from 'graphql'
import type { SeatMapEventFact } from './topics.ts'

/** What one subscriber may have queued before it is cut off (a stalled consumer). */
export const SUBSCRIBER_QUEUE_LIMIT = 1000

type Step = IteratorResult<SeatMapEventFact, undefined>
const DONE: Step = { done: true, value: undefined }

/** What a subscription needs from the hub: the show's live stream and its logged past. */
export interface ShowSource {
  /** Starts delivering the show's live versions after `position`; `detach` stops it. */
  attach(showId: string, listener: (event: SeatMapEventFact) => void): Promise<{ position: number; detach: () => void }>
  /** Logged changes in (since, upTo]; throws when the log cannot supply them all. */
  backlog(showId: string, since: number, upTo: number): Promise<SeatMapEventFact[]>
}

/**
 * One subscriber's changes of a show: the replayed backlog, then live versions above it. The
 * hand-over attaches to the live stream first, then reads the log up to the stream's position, so
 * nothing falls between the two and nothing is doubled.
 *
 * A plain iterator for one consumer at a time (graphql-ws awaits each step), not an async
 * generator: it runs once per subscriber per event, and here a waiting `next()` is settled
 * directly by the stream's delivery. `return()` detaches at once, even while a `next()` waits.
 */
export class ShowSubscription implements AsyncIterableIterator<SeatMapEventFact, undefined> {
  private readonly live: SeatMapEventFact[] = []
  private backlog: SeatMapEventFact[] = []
  private replayed = 0
  private waiting: ((step: Step) => void) | null = null
  private starting: Promise<void> | null = null
  private detach: (() => void) | null = null
  /** The last version handed out, or the one the live part continues from. */
  private last = -1
  private overflow = false
  private ended = false

  constructor(
    private readonly source: ShowSource,
    private readonly showId: string,
    private readonly sinceVersion: number | null | undefined,
  ) {}

  [Symbol.asyncIterator]() {
    return this
  }

  next(): Promise<Step> {
    if (this.ended) return Promise.resolve(DONE)
    if (!this.starting) {
      this.starting = this.start()
      return this.starting.then(
        () => this.next(),
        (err: unknown) => {
          this.end()
          throw err
        },
      )
    }
    if (this.overflow) {
      this.end()
      return Promise.reject(new GraphQLError('Subscriber too slow; resubscribe with sinceVersion.', { extensions: { code: 'SLOW_CONSUMER' } }))
    }
    const event = this.replayed < this.backlog.length ? this.backlog[this.replayed++] : this.takeLive()
    if (event) return Promise.resolve({ done: false, value: event })
    return new Promise((resolve) => (this.waiting = resolve))
  }

  return(): Promise<Step> {
    this.end()
    return Promise.resolve(DONE)
  }

  throw(err: unknown): Promise<Step> {
    this.end()
    return Promise.reject(err)
  }

  private async start() {
    const { position, detach } = await this.source.attach(this.showId, this.deliver)
    if (this.ended) return detach()
    this.detach = detach
    if (this.sinceVersion != null) this.backlog = await this.source.backlog(this.showId, this.sinceVersion, position)
    this.last = Math.max(position, this.sinceVersion ?? -1)
  }

  private readonly deliver = (event: SeatMapEventFact) => {
    const waiting = this.waiting
    if (waiting) {
      // Waiting means nothing is queued, so this event is next unless it is already behind us.
      if (event.version <= this.last) return
      this.waiting = null
      this.last = event.version
      waiting({ done: false, value: event })
    } else if (this.live.length >= SUBSCRIBER_QUEUE_LIMIT) this.overflow = true
    else this.live.push(event)
  }

  private takeLive(): SeatMapEventFact | undefined {
    for (let event = this.live.shift(); event; event = this.live.shift()) {
      if (event.version > this.last) {
        this.last = event.version
        return event
      }
    }
    return undefined
  }

  private end() {
    if (this.ended) return
    this.ended = true
    this.detach?.()
    this.waiting?.(DONE)
    this.waiting = null
  }
}
