import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.ts'
import { createTestApp, type TestApp } from './support/app.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app?.close())

const ShowsPage = graphql(`
  query ShowsPage($first: Int, $after: String, $filter: ShowFilter) {
    shows(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          startTime
          price { amount currency }
          movie { id title durationMinutes }
          theater { id name city }
          availableSeats
          totalSeats
          seatMap { showId version seats { id seatNumber row number status heldByViewer } }
        }
      }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`)

const ShowById = graphql(`
  query ShowById($id: ID!) {
    show(id: $id) { id totalSeats seatMap { version seats { seatNumber } } }
    node(id: $id) { id ... on Show { availableSeats } }
  }
`)

describe('shows', () => {
  it('lists upcoming shows soonest first with movie, theater, price and seat map', async () => {
    const later = await app.factory.show({ seats: 12, startsInMs: 5 * 86_400_000, price: 1299, currency: 'USD' })
    const sooner = await app.factory.show({ seats: 8, startsInMs: 1 * 86_400_000 })
    await app.factory.show({ seats: 4, startsInMs: -3_600_000 }) // started: not listed

    const res = await app.gql(ShowsPage, { first: 10 })
    expect(res.errors).toBeUndefined()
    const nodes = res.data!.shows.edges.map((e) => e.node)
    expect(nodes.map((n) => n.id)).toEqual([sooner.globalId, later.globalId])
    const l = nodes[1]!
    expect(l.price).toEqual({ amount: 1299, currency: 'USD' })
    expect(l.movie.title).toBe(later.movie.title)
    expect(l.theater.name).toBe(later.theater.name)
    expect(l.totalSeats).toBe(12)
    expect(l.availableSeats).toBe(12)
    expect(l.seatMap.version).toBe(0)
    expect(l.seatMap.showId).toBe(later.globalId)
    expect(l.seatMap.seats.map((s) => s.seatNumber)).toEqual(later.seats.map((s) => s.seatNumber))
    expect(l.seatMap.seats.every((s) => s.status === 'AVAILABLE' && !s.heldByViewer)).toBe(true)
    // Ordered by row, then number (numerically: A2 before A10).
    expect(l.seatMap.seats.slice(0, 3).map((s) => s.seatNumber)).toEqual(['A1', 'A2', 'A3'])
    expect(l.seatMap.seats[10]!.seatNumber).toBe('B1')
  })

  it('pages with cursors and reports the edges', async () => {
    const first = await app.gql(ShowsPage, { first: 1 })
    expect(first.data!.shows.edges).toHaveLength(1)
    expect(first.data!.shows.pageInfo.hasNextPage).toBe(true)
    const second = await app.gql(ShowsPage, { first: 5, after: first.data!.shows.pageInfo.endCursor })
    expect(second.data!.shows.edges).toHaveLength(1)
    expect(second.data!.shows.pageInfo.hasNextPage).toBe(false)
    expect(second.data!.shows.edges[0]!.node.id).not.toBe(first.data!.shows.edges[0]!.node.id)
  })

  it('refuses page sizes outside 1..100 with a VALIDATION error', async () => {
    for (const first of [0, -1, 101]) {
      const res = await app.gql(ShowsPage, { first })
      expect(res.errors?.[0]?.extensions?.code).toBe('VALIDATION')
    }
  })

  it('filters by movie and time window', async () => {
    const target = await app.factory.show({ seats: 2, startsInMs: 10 * 86_400_000 })
    const byMovie = await app.gql(ShowsPage, { first: 10, filter: { movieId: target.movie.id ? undefined : undefined } })
    expect(byMovie.errors).toBeUndefined()
    const { toGlobalId } = await import('../src/schema/global-id.ts')
    const res = await app.gql(ShowsPage, { first: 10, filter: { movieId: toGlobalId('Movie', target.movieId) } })
    expect(res.data!.shows.edges.map((e) => e.node.id)).toEqual([target.globalId])
    const window = await app.gql(ShowsPage, {
      first: 10,
      filter: { startsAfter: new Date(Date.now() + 9 * 86_400_000).toISOString(), startsBefore: new Date(Date.now() + 11 * 86_400_000).toISOString() },
    })
    expect(window.data!.shows.edges.map((e) => e.node.id)).toEqual([target.globalId])
    const bad = await app.gql(ShowsPage, { first: 10, filter: { movieId: 'nope' } })
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION')
  })

  it('answers null for malformed, unknown and wrong-type ids instead of failing', async () => {
    const show = await app.factory.show({ seats: 3 })
    const ok = await app.gql(ShowById, { id: show.globalId })
    expect(ok.data!.show!.totalSeats).toBe(3)
    expect(ok.data!.node).toEqual({ id: show.globalId, availableSeats: 3 })
    const { toGlobalId } = await import('../src/schema/global-id.ts')
    for (const id of ['nope', '', 'U2hvdzpub3BlCg==', toGlobalId('Show', '42'), toGlobalId('Show', crypto.randomUUID()), show.seats[0]!.globalId.replace('Seat', 'Show'), toGlobalId('Movie', show.movieId)]) {
      const res = await app.gql(ShowById, { id })
      expect(res.errors).toBeUndefined()
      expect(res.data!.show).toBeNull()
    }
  })

  it('loads a page of 20 shows with movies, theaters and seat maps in a bounded number of queries', async () => {
    for (let i = 0; i < 20; i++) await app.factory.show({ seats: 6, startsInMs: (20 + i) * 86_400_000 })
    app.services.seatMapCache.clear()
    app.queries.length = 0
    const res = await app.gql(ShowsPage, { first: 20 })
    expect(res.errors).toBeUndefined()
    expect(res.data!.shows.edges).toHaveLength(20)
    // shows (+ movie and theater joins or batched lookups) and one seat query for all 20 maps.
    expect(app.queries.length).toBeLessThanOrEqual(5)
  })
})
