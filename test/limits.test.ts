import type { IncomingMessage } from 'node:http'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print } from 'graphql'
import { createClient } from 'graphql-ws'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientIp } from '../src/http/client-ip.ts'
import { RateLimiter } from '../src/limits/rate-limiter.ts'
import { graphql } from './gql/index.ts'
import { createTestApp, testRedis, type GqlResult, type TestApp } from './support/app.ts'
import { BookSeats, CancelBooking } from './support/operations.ts'
import { sleep } from './support/wait.ts'
import { SEAT_MAP, subscribe } from './support/ws-client.ts'

const LogIn = graphql(`mutation LimitsLogIn($input: LogInInput!) { logIn(input: $input) { __typename ... on Error { code } } }`)
const SignUp = graphql(`mutation LimitsSignUp($input: SignUpInput!) { signUp(input: $input) { __typename ... on Error { code } } }`)

let app: TestApp
let url: string
beforeAll(async () => {
  app = await createTestApp({
    TRUST_PROXY: 'true',
    RATE_LIMIT_BOOK_SEATS: '3',
    RATE_LIMIT_USER_MUTATIONS: '3',
    RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_IP: '3',
    RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '5',
    RATE_LIMIT_LOGIN_FAILURES_PER_IP: '5',
    RATE_LIMIT_LOGINS_PER_IP: '8',
    RATE_LIMIT_SIGNUPS_PER_IP: '2',
    WS_MAX_CONNECTIONS: '3',
    WS_MAX_CONNECTIONS_PER_IP: '2',
    WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
  })
  url = (await app.listen()).url
})
afterAll(() => app?.close())

/** GraphQL over HTTP from a given client address (the app trusts X-Forwarded-For). */
async function from<T, V>(ip: string, doc: TypedDocumentNode<T, V>, variables: V, token?: string): Promise<GqlResult<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.9, ${ip}`, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(doc), variables }),
  })
  return (await res.json()) as GqlResult<T>
}
const codeOf = (res: GqlResult<unknown>) => res.errors?.[0]?.extensions?.code

describe('per-user limits', () => {
  it('answers bookSeats over the limit with a RATE_LIMITED BookingError and holds nothing', async () => {
    const [user, other] = [await app.factory.user(), await app.factory.user()]
    const show = await app.factory.show({ seats: 6 })
    const book = (u: typeof user, i: number) => from('10.1.0.1', BookSeats, { input: { showId: show.globalId, seatIds: [show.seats[i]!.globalId] } }, u.token)
    for (const i of [0, 1, 2]) expect((await book(user, i)).data!.bookSeats.__typename).toBe('BookSeatsSuccess')
    const refused = (await book(user, 3)).data!.bookSeats
    expect(refused).toMatchObject({ __typename: 'BookingError', code: 'RATE_LIMITED', message: expect.stringMatching(/try again in \d+ s/) })
    expect((await app.prisma.seat.findUniqueOrThrow({ where: { id: show.seats[3]!.id } })).status).toBe('AVAILABLE')
    // Another user from the same address is not affected: bookSeats has no per-IP limit.
    expect((await book(other, 4)).data!.bookSeats.__typename).toBe('BookSeatsSuccess')
    const res = await fetch(url.replace('/graphql', '/api/v1/bookings/book'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ showId: show.globalId, seatIds: [show.seats[5]!.globalId] }),
    })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await res.json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(/try again/), retryAfterSeconds: Number(res.headers.get('retry-after')) } })
    expect((await app.services.metrics.rateLimited.get()).values.find((v) => v.labels.rule === 'book-seats')?.value).toBeGreaterThanOrEqual(2)
  })

  it('refuses other mutations past the per-user budget as a whole, alias bombs included', async () => {
    const [user, bomber] = [await app.factory.user(), await app.factory.user()]
    const input = { input: { bookingId: 'nope' } }
    for (let i = 0; i < 3; i++) expect((await from('10.1.0.2', CancelBooking, input, user.token)).data!.cancelBooking.__typename).toBe('ValidationError')
    const over = await from('10.1.0.2', CancelBooking, input, user.token)
    expect(codeOf(over)).toBe('RATE_LIMITED')
    expect(over.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0)
    // Over REST the refusal carries the wait in the body too, as for bookSeats (README promises both).
    const rest = await fetch(url.replace('/graphql', '/api/v1/bookings/cancel/nope'), {
      method: 'PATCH',
      headers: { 'x-forwarded-for': '10.1.0.2', authorization: `Bearer ${user.token}` },
    })
    expect(rest.status).toBe(429)
    const wait = Number(rest.headers.get('retry-after'))
    expect(wait).toBeGreaterThan(0)
    expect(await rest.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(/try again/i), retryAfterSeconds: wait } })
    const bomb = await app.gql(`mutation { a: cancelBooking(input: {bookingId: "x"}) { __typename } b: cancelBooking(input: {bookingId: "x"}) { __typename }
      c: cancelBooking(input: {bookingId: "x"}) { __typename } d: cancelBooking(input: {bookingId: "x"}) { __typename } }`, {}, bomber.token)
    expect(codeOf(bomb)).toBe('RATE_LIMITED')
    expect(bomb.data ?? null).toBeNull()
  })
})

describe('logIn and signUp limits', () => {
  it('stops a guesser at one address without locking the owner out elsewhere', async () => {
    const victim = await app.factory.user()
    const guess = (ip: string, password: string) => from(ip, LogIn, { input: { email: victim.email, password } })
    for (let i = 0; i < 3; i++) expect((await guess('10.2.0.1', `wrong-${i}`)).data!.logIn).toMatchObject({ code: 'VALIDATION' })
    expect(codeOf(await guess('10.2.0.1', victim.password))).toBe('RATE_LIMITED')
    expect((await guess('10.2.0.2', victim.password)).data!.logIn.__typename).toBe('AuthSuccess')
    // Other accounts from the guessing address still log in.
    const bystander = await app.factory.user()
    expect((await from('10.2.0.1', LogIn, { input: { email: bystander.email, password: bystander.password } })).data!.logIn.__typename).toBe('AuthSuccess')
  })

  it('stops a guesser spread over many addresses at the account-wide cap, owner included', async () => {
    const victim = await app.factory.user()
    const guess = (ip: string, password: string) => from(ip, LogIn, { input: { email: victim.email, password } })
    for (let i = 0; i < 5; i++) expect((await guess(`10.2.2.${i}`, `wrong-${i}`)).data!.logIn).toMatchObject({ code: 'VALIDATION' })
    expect(codeOf(await guess('10.2.2.99', victim.password))).toBe('RATE_LIMITED')
  })

  it('forgets an account’s failures when its owner logs in', async () => {
    const user = await app.factory.user()
    const attempt = (password: string) => from('10.2.1.1', LogIn, { input: { email: user.email, password } })
    for (const password of ['x1', 'x2', user.password, 'x3', 'x4', user.password]) await attempt(password)
    expect((await attempt(user.password)).data!.logIn.__typename).toBe('AuthSuccess')
  })

  it('limits failed logIns per address across accounts, and all logIns and signUps per address', async () => {
    for (let i = 0; i < 5; i++) await from('10.3.0.1', LogIn, { input: { email: `nobody-${i}@test.dev`, password: 'whatever-1' } })
    const real = await app.factory.user()
    expect(codeOf(await from('10.3.0.1', LogIn, { input: { email: real.email, password: real.password } }))).toBe('RATE_LIMITED')

    for (let i = 0; i < 8; i++) expect((await from('10.3.0.2', LogIn, { input: { email: real.email, password: real.password } })).data!.logIn.__typename).toBe('AuthSuccess')
    expect(codeOf(await from('10.3.0.2', LogIn, { input: { email: real.email, password: real.password } }))).toBe('RATE_LIMITED')

    const signUp = (ip: string) => from(ip, SignUp, { input: { email: `s-${crypto.randomUUID()}@test.dev`, password: 'a-fine-password-1', name: 'S' } })
    for (let i = 0; i < 2; i++) expect((await signUp('10.3.0.3')).data!.signUp.__typename).toBe('AuthSuccess')
    expect(codeOf(await signUp('10.3.0.3'))).toBe('RATE_LIMITED')
    expect((await signUp('10.3.0.4')).data!.signUp.__typename).toBe('AuthSuccess')
  })
})

describe('rate limiter', () => {
  it('opens a new window when the old one expires, treats 0 as off, and fails open without Redis', async () => {
    const redis = testRedis()
    const limiter = new RateLimiter(redis, `test-${app.id}`, pino({ level: 'silent' }))
    expect((await limiter.hit('t', 'a', 1, 300)).allowed).toBe(true)
    const refused = await limiter.hit('t', 'a', 1, 300)
    expect(refused.allowed).toBe(false)
    expect(refused.retryAfterMs).toBeLessThanOrEqual(300)
    expect(await redis.pttl(`test-${app.id}:ratelimit:t:a`)).toBeGreaterThan(0)
    await sleep(350)
    expect((await limiter.hit('t', 'a', 1, 300)).allowed).toBe(true)
    expect((await limiter.hit('t', 'b', 0, 300)).allowed).toBe(true)
    await redis.quit()
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    expect((await new RateLimiter(down, 'x', pino({ level: 'silent' })).hit('t', 'a', 1, 1000)).allowed).toBe(true)
    down.disconnect()
  })

  it('takes the client address from X-Forwarded-For only behind a trusted proxy', () => {
    const req = { socket: { remoteAddress: '127.0.0.1' }, headers: { 'x-forwarded-for': '1.2.3.4, 10.0.0.7' } } as unknown as IncomingMessage
    expect(clientIp(req, false)).toBe('127.0.0.1')
    expect(clientIp(req, true)).toBe('10.0.0.7')
  })
})

describe('WebSocket caps', () => {
  const open = (ip: string) => {
    const closes: number[] = []
    class ForwardedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { 'x-forwarded-for': ip } })
      }
    }
    const client = createClient({ url: url.replace('http', 'ws'), webSocketImpl: ForwardedWebSocket, lazy: false, onNonLazyError: () => {}, retryAttempts: 0, on: { closed: (e) => void closes.push((e as CloseEvent).code) } })
    return Object.assign(client, { closes, connected: new Promise<void>((resolve) => client.on('connected', () => resolve())) })
  }

  it('caps connections per address and in total, and subscriptions per connection', async () => {
    const show = await app.factory.show({ seats: 2 })
    const [a1, a2] = [open('10.4.0.1'), open('10.4.0.1')]
    await Promise.all([a1.connected, a2.connected])
    const a3 = open('10.4.0.1')
    await expect.poll(() => a3.closes).toEqual([1013])
    const b1 = open('10.4.0.2')
    await b1.connected
    const c1 = open('10.4.0.3')
    await expect.poll(() => c1.closes).toEqual([1013])
    expect((await app.services.metrics.wsConnections.get()).values[0]!.value).toBe(3)

    const subs = [0, 1, 2].map(() => subscribe(a1, SEAT_MAP, { showId: show.globalId }, (d) => d))
    const error = await subs[2]!.waitForError()
    expect(error.extensions?.code).toBe('RATE_LIMITED')
    expect(subs[0]!.errors).toEqual([])

    await a2.dispose()
    await expect.poll(async () => (await app.services.metrics.wsConnections.get()).values[0]!.value).toBe(2)
    const c2 = open('10.4.0.3')
    await c2.connected
    await Promise.all([a1, b1, c2].map((c) => c.dispose()))
  })
})
