import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/app.ts'
import { hold } from './support/booking-helpers.ts'
import { CancelBooking } from './support/operations.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app?.close())

const PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String, $status: [BookingStatus!]) {
  myBookings(first: $first, after: $after, last: $last, before: $before, status: $status) {
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`
interface Page {
  myBookings: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null } }
}

async function fiveHolds() {
  const user = await app.factory.user()
  const show = await app.factory.show({ seats: 5 })
  const ids: string[] = []
  for (let i = 0; i < 5; i++) ids.push((await hold(app, user, show, [i])).id)
  return { user, newestFirst: ids.reverse() }
}

describe('myBookings pages', () => {
  it('loses no row when the cursor booking leaves the filter between two pages', async () => {
    const { user, newestFirst } = await fiveHolds()
    const [h5, h4, h3, h2, h1] = newestFirst as [string, string, string, string, string]
    const page = async (vars: object) => (await app.gql<Page, object>(PAGE, { status: ['PENDING_PAYMENT'], ...vars }, user.token)).data!.myBookings
    const first = await page({ first: 2 })
    expect(first.edges.map((e) => e.node.id)).toEqual([h5, h4])
    await app.gql(CancelBooking, { input: { bookingId: h4 } }, user.token)
    const second = await page({ first: 2, after: first.pageInfo.endCursor })
    expect(second.edges.map((e) => e.node.id)).toEqual([h3, h2])
    expect(second.pageInfo.hasNextPage).toBe(true)
    const third = await page({ first: 2, after: second.pageInfo.endCursor })
    expect(third.edges.map((e) => e.node.id)).toEqual([h1])
    expect(third.pageInfo.hasNextPage).toBe(false)
    const back = await page({ last: 2, before: second.edges[0]!.cursor })
    expect(back.edges.map((e) => e.node.id)).toEqual([h5])
  })

  it("refuses a cursor of anything but the viewer's own bookings", async () => {
    const { user } = await fiveHolds()
    const { user: other } = await fiveHolds()
    const theirs = (await app.gql<Page, object>(PAGE, { first: 1 }, other.token)).data!.myBookings.pageInfo.endCursor
    const showCursor = Buffer.from(`GPC:S:${(await app.factory.show({ seats: 1 })).id}`).toString('base64')
    for (const after of [theirs, showCursor]) {
      const res = await app.gql<Page, object>(PAGE, { first: 2, after }, user.token)
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: 'after' })
    }
  })

  it('takes page sizes of 1..100 from last as from first', async () => {
    const { user } = await fiveHolds()
    for (const last of [0, -1, 101, 500]) {
      const res = await app.gql<Page, object>(PAGE, { last }, user.token)
      expect(res.errors?.[0]?.extensions?.code).toBe('VALIDATION')
    }
    expect((await app.gql<Page, object>(PAGE, { last: 2 }, user.token)).data!.myBookings.edges).toHaveLength(2)
  })
})
