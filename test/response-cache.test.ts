import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { parse } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { holdSeats } from '../src/domain/booking/hold.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { hold } from './support/booking-helpers.ts'
import { httpGql } from './support/http.ts'
import { BookSeats } from './support/operations.ts'
import { eventually, sleep } from './support/wait.ts'

// Public seat-map reads are answered from cache while the show's version stands still. These
// tests pin down that a cached answer is never older than what a client could know.
let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ RESPONSE_CACHE_MAX_AGE_MS: '1000' })
})
afterAll(() => app?.close())

const SEAT_MAP = `query Chart($id: ID!) { show(id: $id) { availableSeats seatMap { version seats { id status } } } }`
type Chart = { show: { availableSeats: number; seatMap: { version: number; seats: { id: string; status: string }[] } } }
const ChartDoc = parse(SEAT_MAP) as TypedDocumentNode<Chart, { id: string }>
const statusOf = (chart: Chart, seatId: string) => chart.show.seatMap.seats.find((s) => s.id === seatId)!.status
const hits = async () => (await app.services.metrics.responseCache.get()).values.find((v) => v.labels.outcome === 'hit')?.value ?? 0

describe('versioned response cache', () => {
  it('serves repeated reads from cache and shows a change at once to the instance that made it', async () => {
    const [user, show] = [await app.factory.user(), await app.factory.show({ seats: 4 })]
    const first = await app.gql<Chart, { id: string }>(SEAT_MAP, { id: show.globalId })
    const before = await hits()
    const again = await app.gql<Chart, { id: string }>(SEAT_MAP, { id: show.globalId })
    expect(again).toEqual(first)
    expect(await hits()).toBe(before + 1)

    await hold(app, user, show, [0])
    const after = (await app.gql<Chart, { id: string }>(SEAT_MAP, { id: show.globalId })).data!
    expect(after.show.seatMap.version).toBe(first.data!.show.seatMap.version + 1)
    expect(after.show.availableSeats).toBe(3)
    expect(statusOf(after, show.seats[0]!.globalId)).toBe('LOCKED')
  })

  it('learns of changes made through another instance by pub/sub', async () => {
    const [one, two] = [await app.listen(), await app.listen()]
    const [user, show] = [await app.factory.user(), await app.factory.show({ seats: 4 })]
    await httpGql(one.url, ChartDoc, { id: show.globalId })
    const before = await hits()
    const cached = (await httpGql(one.url, ChartDoc, { id: show.globalId })).data!
    expect(statusOf(cached, show.seats[1]!.globalId)).toBe('AVAILABLE')
    expect(await hits()).toBe(before + 1)

    const held = await httpGql(two.url, BookSeats, { input: { showId: show.globalId, seatIds: [show.seats[1]!.globalId] } }, user.token)
    expect(held.data?.bookSeats.__typename).toBe('BookSeatsSuccess')
    // Pub/sub takes a moment across processes; well under the cache's age bound of one second.
    const seen = await eventually(async () => {
      const chart = (await httpGql(one.url, ChartDoc, { id: show.globalId })).data!
      return statusOf(chart, show.seats[1]!.globalId) === 'LOCKED' ? chart : null
    }, 500, 5)
    expect(seen.show.seatMap.version).toBe(cached.show.seatMap.version + 1)
  })

  it('never shares an answer that depends on the viewer', async () => {
    const [alice, bob, show] = [await app.factory.user(), await app.factory.user(), await app.factory.show({ seats: 4 })]
    await hold(app, alice, show, [2])
    const query = `query Mine($id: ID!) { show(id: $id) { seatMap { seats { id heldByViewer } } } }`
    type Mine = { show: { seatMap: { seats: { id: string; heldByViewer: boolean }[] } } }
    const held = (r: { data?: Mine | null }) => r.data!.show.seatMap.seats.filter((s) => s.heldByViewer).map((s) => s.id)
    expect(held(await app.gql<Mine, { id: string }>(query, { id: show.globalId }, alice.token))).toEqual([show.seats[2]!.globalId])
    expect(held(await app.gql<Mine, { id: string }>(query, { id: show.globalId }, bob.token))).toEqual([])
    expect(held(await app.gql<Mine, { id: string }>(query, { id: show.globalId }, alice.token))).toEqual([show.seats[2]!.globalId])
  })

  it('keeps a change whose publish was lost stale no longer than its age bound', async () => {
    const [user, show] = [await app.factory.user(), await app.factory.show({ seats: 4 })]
    await app.gql(SEAT_MAP, { id: show.globalId })
    // Another instance that commits and dies before it publishes: nobody is told of the change.
    const writer = (await app.listen()).services
    writer.pubsub.publish = async () => undefined
    await holdSeats(writer, { userId: user.id, showId: show.id, seatIds: [show.seats[3]!.id] })
    const stale = (await app.gql<Chart, { id: string }>(SEAT_MAP, { id: show.globalId })).data!
    expect(statusOf(stale, show.seats[3]!.globalId)).toBe('AVAILABLE')
    await sleep(1000)
    const fresh = (await app.gql<Chart, { id: string }>(SEAT_MAP, { id: show.globalId })).data!
    expect(statusOf(fresh, show.seats[3]!.globalId)).toBe('LOCKED')
    expect(fresh.show.availableSeats).toBe(3)
  })

  it('caches nothing but public seat-map reads', async () => {
    const show = await app.factory.show({ seats: 2 })
    const before = await hits()
    for (const query of [
      `{ shows(first: 1) { edges { node { id availableSeats } } } }`,
      `query { show(id: "${show.globalId}") { seatMap { seats { heldByViewer } } } }`,
      `query { node(id: "${show.globalId}") { id ... on Show { availableSeats } } }`,
    ]) {
      await app.gql(query)
      await app.gql(query)
    }
    expect(await hits()).toBe(before)
  })
})
