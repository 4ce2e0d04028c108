import { describe, expect, it } from 'vitest'
import { ShowSubscription, SUBSCRIBER_QUEUE_LIMIT, type ShowSource } from '../src/pubsub/show-subscription.ts'
import type { SeatMapEventFact } from '../src/pubsub/topics.ts'

const fact = (version: number): SeatMapEventFact => ({ showId: 's', version, reason: 'LOCKED', seats: [], at: '2026-01-01T00:00:00.000Z' })

/** A show at `position` whose log holds every version; `emit` plays the live stream. */
function fakeShow(position: number) {
  const listeners = new Set<(e: SeatMapEventFact) => void>()
  const source: ShowSource = {
    attach: async (_showId, listener) => {
      listeners.add(listener)
      return { position, detach: () => void listeners.delete(listener) }
    },
    backlog: async (_showId, since, upTo) => Array.from({ length: Math.max(0, upTo - since) }, (_, i) => fact(since + 1 + i)),
  }
  return { source, listeners, emit: (v: number) => listeners.forEach((l) => l(fact(v))) }
}

const take = async (sub: ShowSubscription, n: number) => {
  const versions: number[] = []
  while (versions.length < n) versions.push((await sub.next()).value!.version)
  return versions
}

describe('ShowSubscription', () => {
  it('replays the backlog, then live versions above it, skipping what it already gave', async () => {
    const show = fakeShow(5)
    const sub = new ShowSubscription(show.source, 's', 2)
    const first = sub.next()
    await new Promise((r) => setTimeout(r, 0))
    show.emit(5) // a late duplicate of a replayed version
    show.emit(6)
    expect([(await first).value!.version, ...(await take(sub, 3))]).toEqual([3, 4, 5, 6])
  })

  it('continues from sinceVersion when the stream is behind it', async () => {
    const show = fakeShow(3)
    const sub = new ShowSubscription(show.source, 's', 5)
    const next = sub.next()
    await new Promise((r) => setTimeout(r, 0))
    for (const v of [4, 5, 6]) show.emit(v)
    expect((await next).value!.version).toBe(6)
  })

  it('ends a waiting next() and detaches at once on return()', async () => {
    const show = fakeShow(0)
    const sub = new ShowSubscription(show.source, 's', null)
    expect(await take(sub, 0)).toEqual([])
    const waiting = sub.next()
    await new Promise((r) => setTimeout(r, 0))
    expect(show.listeners.size).toBe(1)
    await sub.return()
    expect(await waiting).toEqual({ done: true, value: undefined })
    expect(show.listeners.size).toBe(0)
    expect((await sub.next()).done).toBe(true)
  })

  it('cuts off a consumer that falls more than the queue limit behind', async () => {
    const show = fakeShow(0)
    const sub = new ShowSubscription(show.source, 's', null)
    const first = sub.next()
    await new Promise((r) => setTimeout(r, 0))
    show.emit(1)
    expect((await first).value!.version).toBe(1)
    for (let v = 2; v <= SUBSCRIBER_QUEUE_LIMIT + 2; v++) show.emit(v)
    await expect(sub.next()).rejects.toMatchObject({ extensions: { code: 'SLOW_CONSUMER' } })
    expect(show.listeners.size).toBe(0)
  })
})
