import type { ExecutionResult } from 'graphql'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { useSharedSubscriptionExecution } from '../src/http/shared-subscriptions.ts'
import { createYogaServer } from '../src/http/yoga.ts'
import type { SeatMapEventFact } from '../src/pubsub/topics.ts'
import { toGlobalId } from '../src/schema/global-id.ts'
import { createTestApp, type TestApp } from './support/app.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app?.close())

const showId = toGlobalId('Show', '00000000-0000-4000-8000-000000000001')
const event: SeatMapEventFact = {
  showId: '00000000-0000-4000-8000-000000000001',
  version: 7,
  reason: 'LOCKED',
  seats: [{ seatId: '00000000-0000-4000-8000-000000000002', seatNumber: 'A1', status: 'LOCKED' }],
  at: '2026-01-01T00:00:00.000Z',
}
const SEAT_MAP = 'subscription S($showId: ID!, $full: Boolean = true) { seatMap(showId: $showId) { version ...Seats @include(if: $full) } }\n' +
  'fragment Seats on SeatMapEvent { __typename reason at seats { seatId status } }'

/** The first result of each subscriber, every one fed the same event object as the hub does. */
async function firstResults(shared: boolean, subscribers: { query: string; operationName?: string; variables: Record<string, unknown> }[]) {
  vi.spyOn(app.services.seatMaps, 'subscribe').mockImplementation(async function* () {
    yield event
  })
  const yoga = createYogaServer(app.services, shared ? [useSharedSubscriptionExecution()] : [])
  const results: ExecutionResult[] = []
  for (const { query, operationName, variables } of subscribers) {
    const enveloped = yoga.getEnveloped({ connectionParams: {}, params: { query, operationName, variables } } as never)
    const document = enveloped.parse(query)
    expect(enveloped.validate(enveloped.schema, document)).toEqual([])
    const contextValue = await enveloped.contextFactory()
    const stream = await enveloped.subscribe({ schema: enveloped.schema, document, operationName, variableValues: variables, contextValue })
    // A refusal comes as the result, or (refused by the stream) as its first next() failing.
    const first = Symbol.asyncIterator in stream ? stream[Symbol.asyncIterator]().next().then((r: IteratorResult<ExecutionResult>) => r.value, (err: unknown) => ({ errors: [err] })) : stream
    results.push((await first) as ExecutionResult)
  }
  vi.restoreAllMocks()
  return results
}

describe('shared subscription execution', () => {
  it('executes an event once for all subscribers of the same operation, with the usual result', async () => {
    const subscriber = { query: SEAT_MAP, variables: { showId } }
    const [a, b] = await firstResults(true, [subscriber, { ...subscriber, variables: { showId, sinceVersion: 3 } }])
    const [plain] = await firstResults(false, [subscriber])
    expect(a).toBe(b)
    expect(a).toEqual(plain)
    expect(a!.data).toEqual({
      seatMap: { version: 7, __typename: 'SeatMapEvent', reason: 'LOCKED', at: event.at, seats: [{ seatId: toGlobalId('Seat', event.seats[0]!.seatId), status: 'LOCKED' }] },
    })
  })

  it('keeps results apart when a directive variable differs', async () => {
    const [full, bare, again] = await firstResults(true, [
      { query: SEAT_MAP, variables: { showId } },
      { query: SEAT_MAP, variables: { showId, full: false } },
      { query: SEAT_MAP, variables: { showId, full: true } },
    ])
    expect(bare!.data).toEqual({ seatMap: { version: 7 } })
    expect(full).not.toBe(bare)
    expect(again).toBe(full)
  })

  it('runs operations that select anything else the usual way', async () => {
    const query = `query Q { shows(first: 1) { edges { node { id } } } }\n${SEAT_MAP}`
    const [a, b] = await firstResults(true, [1, 2].map(() => ({ query, operationName: 'S', variables: { showId } })))
    expect(a).not.toBe(b)
    expect(a).toEqual(b)
  })

  it('reports subscribe errors exactly as the usual path does', async () => {
    const bad = [{ query: SEAT_MAP, variables: { showId: 'nope' } }, { query: SEAT_MAP, variables: { showId: { not: 'an id' } } }]
    const shared = JSON.parse(JSON.stringify(await firstResults(true, bad)))
    expect(shared).toEqual(JSON.parse(JSON.stringify(await firstResults(false, bad))))
    expect(shared.map((r: ExecutionResult) => r.errors?.[0]?.extensions?.code)).toEqual(['VALIDATION', 'VALIDATION'])
  })
})
