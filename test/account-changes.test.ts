import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/app.ts'
import { hold } from './support/booking-helpers.ts'
import { BookingById, BookSeats } from './support/operations.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app?.close())

const QUEUE_STATS = '{ queueStats { queue paused } }'

describe('tokens issued before the account changed', () => {
  it('a demoted admin loses the admin powers at once, not when the token expires', async () => {
    const admin = await app.factory.user({ role: 'ADMIN' })
    const other = await app.factory.user()
    const booking = await hold(app, other, await app.factory.show({ seats: 1 }), [0])
    expect((await app.gql(QUEUE_STATS, {}, admin.token)).errors).toBeUndefined()
    expect((await app.gql(BookingById, { id: booking.id }, admin.token)).data!.booking).not.toBeNull()

    await app.prisma.user.update({ where: { id: admin.id }, data: { role: 'USER' } })
    expect((await app.gql(QUEUE_STATS, {}, admin.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect((await app.gql(BookingById, { id: booking.id }, admin.token)).data!.booking).toBeNull()
  })

  it('a deleted account is UNAUTHENTICATED where it would act, not an internal error', async () => {
    const gone = await app.factory.user()
    const show = await app.factory.show({ seats: 1 })
    await app.prisma.user.delete({ where: { id: gone.id } })
    const res = await app.gql(BookSeats, { input: { showId: show.globalId, seatIds: [show.seats[0]!.globalId] } }, gone.token)
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    // Nothing stays held for it: the seat is free for the next customer at once.
    expect(await hold(app, await app.factory.user(), show, [0])).toMatchObject({ status: 'PENDING_PAYMENT' })
  })
})

describe('passwords', () => {
  it('logs in with the longest password there can be, and not with one character more', async () => {
    const SIGN_UP = `mutation($i: SignUpInput!) { signUp(input: $i) { __typename } }`
    const LOG_IN = `mutation($i: LogInInput!) { logIn(input: $i) { __typename } }`
    const longest = `Aa1!${'x'.repeat(196)}`
    const email = `long-${crypto.randomUUID()}@test.dev`
    expect((await app.gql<{ signUp: { __typename: string } }, object>(SIGN_UP, { i: { email, password: longest, name: 'Long' } })).data!.signUp.__typename).toBe('AuthSuccess')
    const logIn = async (password: string) => (await app.gql<{ logIn: { __typename: string } }, object>(LOG_IN, { i: { email, password } })).data!.logIn.__typename
    expect(await logIn(longest)).toBe('AuthSuccess')
    expect(await logIn(`${longest}EXTRA`)).toBe('ValidationError')
  })
})
