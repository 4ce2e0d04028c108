import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/app.ts'
import { dbState, hold } from './support/booking-helpers.ts'
import { BookSeats, CancelBooking } from './support/operations.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ MAX_HELD_SEATS_PER_USER: '6' })
})
afterAll(() => app?.close())

describe('held-seat cap', () => {
  it('stops one account from holding a whole show, per show, until it pays or cancels', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 12 })
    const other = await app.factory.show({ seats: 4 })
    const first = await hold(app, user, show, [0, 1, 2, 3])
    await hold(app, user, show, [4, 5])
    const refused = await app.gql(BookSeats, { input: { showId: show.globalId, seatIds: [show.seats[6]!.globalId] } }, user.token)
    expect(refused.data!.bookSeats).toMatchObject({ __typename: 'BookingError', code: 'TOO_MANY_SEATS' })
    expect((await dbState(app, show.id)).version).toBe(2)
    // The cap comes before SEATS_UNAVAILABLE in the contract, also for a seat somebody else holds.
    await hold(app, await app.factory.user(), show, [11])
    const heldElsewhere = await app.gql(BookSeats, { input: { showId: show.globalId, seatIds: [show.seats[11]!.globalId] } }, user.token)
    expect(heldElsewhere.data!.bookSeats).toMatchObject({ __typename: 'BookingError', code: 'TOO_MANY_SEATS' })
    expect((await dbState(app, show.id)).version).toBe(3)
    await hold(app, user, other, [0]) // another show has its own allowance
    await hold(app, await app.factory.user(), show, [6]) // and other accounts theirs
    await app.gql(CancelBooking, { input: { bookingId: first.id } }, user.token)
    await hold(app, user, show, [7, 8, 9, 10])
    expect((await dbState(app, show.id)).version).toBe(6)
  })
})
