import { GraphQLError } from 'graphql'
import type { Db } from '../db/client.ts'
import type { Logger } from '../logger.ts'
import type { PubSub } from './pubsub.ts'
import type { SeatMapEventFact } from './topics.ts'
import { readLog } from './change-log.ts'

/** How long an out-of-order event waits for its predecessors before they are read from the log. */
const GAP_WAIT_MS = 80
/** How often an idle stream asks the database whether a publish was lost at the tail. */
const TAIL_CHECK_MS = 1500

type Listener = (event: SeatMapEventFact) => void

/**
 * One show's reorder buffer. Events from Redis are delivered strictly by version: a gap waits
 * briefly, then is filled from the change log (every committed version is logged in its own
 * transaction, and version v+1 commits only after v), so listeners see each version once, in order.
 */
export class ShowStream {
  readonly ready: Promise<void>
  /** The last version delivered to listeners. */
  position = -1
  private readonly listeners = new Set<Listener>()
  private readonly pending = new Map<number, SeatMapEventFact>()
  private gapTimer: NodeJS.Timeout | null = null
  private readonly tailTimer: NodeJS.Timeout
  private unsubscribe: (() => void) | null = null
  private filling = false
  private closed = false

  constructor(
    private readonly showId: string,
    private readonly prisma: Db,
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
  ) {
    this.ready = this.start()
    this.tailTimer = setInterval(() => void this.checkTail(), TAIL_CHECK_MS)
    this.tailTimer.unref()
  }

  get listenerCount() {
    return this.listeners.size
  }

  attach(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private async start() {
    // Subscribe before reading the version: anything committed after the read arrives by Redis.
    this.unsubscribe = await this.pubsub.subscribe('seatmap', this.showId, (event) => this.receive(event))
    const show = await this.prisma.show.findUnique({ where: { id: this.showId }, select: { seatMapVersion: true } })
    if (!show) throw new GraphQLError('No such show.', { extensions: { code: 'SHOW_NOT_FOUND' } })
    this.position = show.seatMapVersion
    this.drain()
  }

  private receive(event: SeatMapEventFact) {
    if (this.closed || event.version <= this.position) return
    this.pending.set(event.version, event)
    if (this.position >= 0) this.drain()
  }

  private drain() {
    for (let next = this.pending.get(this.position + 1); next; next = this.pending.get(this.position + 1)) {
      this.pending.delete(next.version)
      this.position = next.version
      for (const listener of this.listeners) listener(next)
    }
    for (const v of this.pending.keys()) if (v <= this.position) this.pending.delete(v)
    if (this.pending.size && !this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null
        void this.fill(Math.max(...this.pending.keys()))
      }, GAP_WAIT_MS)
    }
  }

  /** Reads the versions missing up to `upTo` from the change log and delivers them. */
  private async fill(upTo: number) {
    if (this.filling || this.closed || upTo <= this.position) return
    this.filling = true
    try {
      for (const event of await readLog(this.prisma, this.showId, this.position, upTo)) {
        if (!this.pending.has(event.version)) this.pending.set(event.version, event)
      }
    } catch (err) {
      this.logger.warn({ err, showId: this.showId }, 'seat map gap fill failed; retrying')
    } finally {
      this.filling = false
    }
    this.drain()
  }

  private async checkTail() {
    if (this.closed || this.position < 0 || this.pending.size) return
    try {
      const show = await this.prisma.show.findUnique({ where: { id: this.showId }, select: { seatMapVersion: true } })
      if (show && show.seatMapVersion > this.position) await this.fill(show.seatMapVersion)
    } catch (err) {
      this.logger.debug({ err, showId: this.showId }, 'seat map tail check failed')
    }
  }

  close() {
    this.closed = true
    clearInterval(this.tailTimer)
    if (this.gapTimer) clearTimeout(this.gapTimer)
    this.unsubscribe?.()
    this.listeners.clear()
  }
}
