import { GraphQLError } from 'graphql'
import type { Db } from '../db/client.ts'
import type { Logger } from '../logger.ts'
import type { PubSub } from './pubsub.ts'
import type { SeatMapEventFact } from './topics.ts'
import { readLog } from './change-log.ts'
import { ShowStream } from './show-stream.ts'

/** What one subscriber may have queued before it is cut off (a stalled consumer). */
export const SUBSCRIBER_QUEUE_LIMIT = 1000

/**
 * Per-process fan-out of seat-map changes. One ShowStream per watched show turns Redis pub/sub
 * (at most once, any order across publishers) into an exactly-once, in-order sequence of versions;
 * every subscriber of that show in this process reads from it.
 */
export class SeatMapHub {
  private readonly streams = new Map<string, ShowStream>()

  constructor(
    private readonly prisma: Db,
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
  ) {}

  get activeShows(): number {
    return this.streams.size
  }

  get subscriberCount(): number {
    let n = 0
    for (const s of this.streams.values()) n += s.listenerCount
    return n
  }

  /**
   * Changes of a show from `sinceVersion` (exclusive) on, or from now when it is absent. The
   * hand-over attaches to the live stream first, then reads the log up to the stream's position,
   * so nothing falls between the two and nothing is doubled.
   */
  async *subscribe(showId: string, sinceVersion?: number | null, signal?: AbortSignal): AsyncGenerator<SeatMapEventFact> {
    const stream = await this.stream(showId)
    const queue: SeatMapEventFact[] = []
    let wake: (() => void) | null = null
    let overflow = false
    const detach = stream.attach((event) => {
      if (queue.length >= SUBSCRIBER_QUEUE_LIMIT) overflow = true
      else queue.push(event)
      wake?.()
    })
    const onAbort = () => wake?.()
    signal?.addEventListener('abort', onAbort)
    try {
      let last = stream.position
      if (sinceVersion != null) {
        for (const event of await this.backlog(showId, sinceVersion, last)) yield event
        last = Math.max(last, sinceVersion)
      }
      while (!signal?.aborted) {
        if (overflow) throw new GraphQLError('Subscriber too slow; resubscribe with sinceVersion.', { extensions: { code: 'SLOW_CONSUMER' } })
        const event = queue.shift()
        if (!event) {
          await new Promise<void>((resolve) => (wake = resolve))
          wake = null
          continue
        }
        if (event.version <= last) continue
        last = event.version
        yield event
      }
    } finally {
      signal?.removeEventListener('abort', onAbort)
      detach()
      if (stream.listenerCount === 0) this.drop(showId, stream)
    }
  }

  /** Logged changes in (since, upTo], or REPLAY_UNAVAILABLE when the log no longer has them. */
  private async backlog(showId: string, since: number, upTo: number): Promise<SeatMapEventFact[]> {
    const show = await this.prisma.show.findUnique({ where: { id: showId }, select: { seatMapVersion: true } })
    if (!show) throw new GraphQLError('No such show.', { extensions: { code: 'SHOW_NOT_FOUND' } })
    if (since < 0 || since > show.seatMapVersion) {
      throw new GraphQLError(`sinceVersion must be between 0 and the current version ${show.seatMapVersion}.`, {
        extensions: { code: 'VALIDATION' },
      })
    }
    if (since >= upTo) return []
    const events = await readLog(this.prisma, showId, since, upTo)
    if (events.length !== upTo - since) {
      throw new GraphQLError('The changes since that version are no longer kept; refetch Show.seatMap and resume from its version.', {
        extensions: { code: 'REPLAY_UNAVAILABLE' },
      })
    }
    return events
  }

  private async stream(showId: string): Promise<ShowStream> {
    let stream = this.streams.get(showId)
    if (!stream) {
      stream = new ShowStream(showId, this.prisma, this.pubsub, this.logger)
      this.streams.set(showId, stream)
    }
    try {
      await stream.ready
    } catch (err) {
      this.drop(showId, stream)
      throw err
    }
    return stream
  }

  private drop(showId: string, stream: ShowStream) {
    if (this.streams.get(showId) === stream) this.streams.delete(showId)
    stream.close()
  }

  close() {
    for (const [id, s] of this.streams) this.drop(id, s)
  }
}
