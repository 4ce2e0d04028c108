import { GraphQLError } from 'graphql'
import type { Db } from '../db/client.ts'
import type { Logger } from '../logger.ts'
import type { PubSub } from './pubsub.ts'
import type { SeatMapEventFact } from './topics.ts'
import { readLog } from './change-log.ts'
import { ShowStream } from './show-stream.ts'
import { ShowSubscription, type ShowSource } from './show-subscription.ts'

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

  /** Changes of a show from `sinceVersion` (exclusive) on, or from now when it is absent. */
  subscribe(showId: string, sinceVersion?: number | null): AsyncIterableIterator<SeatMapEventFact> {
    return new ShowSubscription(this.source, showId, sinceVersion)
  }

  private readonly source: ShowSource = {
    attach: async (showId, listener) => {
      const stream = await this.stream(showId)
      const detach = stream.attach(listener)
      return {
        position: stream.position,
        detach: () => {
          detach()
          if (stream.listenerCount === 0) this.drop(showId, stream)
        },
      }
    },
    backlog: (showId, since, upTo) => this.backlog(showId, since, upTo),
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
    for (;;) {
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
      // Its last listener may have left (and closed it) while this one waited for it to start.
      if (this.streams.get(showId) === stream) return stream
    }
  }

  private drop(showId: string, stream: ShowStream) {
    if (this.streams.get(showId) === stream) this.streams.delete(showId)
    stream.close()
  }

  close() {
    for (const [id, s] of this.streams) this.drop(id, s)
  }
}
