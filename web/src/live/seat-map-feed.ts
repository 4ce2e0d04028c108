import { SeatMapChanges, ShowWithSeatMap } from '../api/operations.js'
import type { Problem } from '../api/problems.js'
import type { Api } from '../api/transport.js'
import type { PickerSeatMapSubscription, PickerShowQuery } from '../gql/graphql.js'

export type SeatMapEvent = PickerSeatMapSubscription['seatMap']
export type ShowSnapshot = NonNullable<PickerShowQuery['show']>

export interface SeatMapListener {
  /** A full seat map: the first load, or a reload after the server could not replay. */
  snapshot(show: ShowSnapshot): void
  /** The next version, strictly in order, each exactly once. */
  change(event: SeatMapEvent): void
  problem(problem: Problem): void
}

/** The replay cannot start from our version (log trimmed, or the map was reset): reload instead. */
const RELOAD_CODES = new Set(['REPLAY_UNAVAILABLE', 'VALIDATION'])
const RETRY_MS = 2_000

/**
 * One show's seat map, kept current by `seatMap(showId, sinceVersion)`. graphql-ws would resend
 * the original subscribe message after a dropped socket, so on every close this feed subscribes
 * anew from the version it has applied, and the server replays exactly what was missed.
 */
export class SeatMapFeed {
  private version = -1
  private unsubscribe: (() => void) | null = null
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private stopped = false
  private readonly offClosed: () => void

  constructor(
    private readonly api: Api,
    private readonly showId: string,
    private readonly listener: SeatMapListener,
  ) {
    this.offClosed = api.on('closed', () => {
      if (!this.unsubscribe) return
      this.unsubscribe()
      this.unsubscribe = null
      // After graphql-ws has handled the close itself, so the new subscribe waits for its backoff.
      setTimeout(() => this.subscribe(), 0)
    })
  }

  start() {
    void this.reload()
  }

  stop() {
    this.stopped = true
    clearTimeout(this.retryTimer)
    this.offClosed()
    this.unsubscribe?.()
    this.unsubscribe = null
  }

  private async reload() {
    this.unsubscribe?.()
    this.unsubscribe = null
    const answer = await this.api.query(ShowWithSeatMap, { id: this.showId })
    if (this.stopped) return
    if (!answer.ok) {
      this.listener.problem(answer.problem)
      return this.retryLater()
    }
    const show = answer.data.show
    if (!show) return this.listener.problem({ code: 'SHOW_NOT_FOUND', message: 'This show is no longer listed.' })
    this.version = show.seatMap.version
    this.listener.snapshot(show)
    this.subscribe()
  }

  private subscribe() {
    if (this.stopped) return
    this.unsubscribe?.()
    this.unsubscribe = this.api.subscribe(SeatMapChanges, { showId: this.showId, sinceVersion: this.version }, {
      next: ({ seatMap }) => this.receive(seatMap),
      error: (problem) => this.failed(problem),
    })
  }

  private receive(event: SeatMapEvent) {
    if (event.version <= this.version) return // a replay overlapping what we already have
    if (event.version > this.version + 1) return this.subscribe() // a gap: have the server replay it
    this.version = event.version
    this.listener.change(event)
  }

  private failed(problem: Problem) {
    this.unsubscribe = null
    if (this.stopped) return
    if (RELOAD_CODES.has(problem.code)) return void this.reload()
    // SLOW_CONSUMER, or a connection that graphql-ws gave up on: resume from our version shortly.
    this.retryLater()
  }

  private retryLater() {
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => (this.version < 0 ? void this.reload() : this.subscribe()), RETRY_MS)
  }
}
