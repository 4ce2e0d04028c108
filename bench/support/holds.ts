import type { Request } from 'autocannon'
import type { SeededShow, SeededUser } from './seed.ts'

export const BOOK_SEATS = `mutation Book($input: BookSeatsInput!) {
  bookSeats(input: $input) {
    __typename
    ... on BookSeatsSuccess { booking { id status } }
    ... on Error { code message }
  }
}`

export interface BookSeatsAnswer {
  bookSeats?: { __typename: string; booking?: { id: string; status: string }; code?: string; message?: string }
}

/** How a bookSeats answer is counted: success, the expected refusal, or anything else. */
export function classifyHold(body: { data?: BookSeatsAnswer | null; errors?: unknown[] }): 'success' | 'unavailable' | string {
  const typename = body.data?.bookSeats?.__typename
  if (typename === 'BookSeatsSuccess') return 'success'
  if (typename === 'SeatsUnavailableError') return 'unavailable'
  return typename ? `${typename}:${body.data?.bookSeats?.code}` : `errors:${JSON.stringify(body.errors ?? body).slice(0, 120)}`
}

/**
 * Distinct, never-conflicting holds of `seatsPerHold` seats: hold i takes the next free group of
 * show i mod shows (spreading the per-show version lock), for user i mod users. With
 * users ≥ holds × seatsPerHold / cap, nobody reaches MAX_HELD_SEATS_PER_USER.
 */
export function holdPlan(shows: SeededShow[], users: SeededUser[], seatsPerHold: number) {
  const groupsPerShow = Math.floor(shows[0]!.seats.length / seatsPerHold)
  const capacity = groupsPerShow * shows.length
  let next = 0
  return {
    capacity,
    remaining: () => capacity - next,
    /** The next hold's token and GraphQL body, or null when every group is taken. */
    take(): { token: string; body: string } | null {
      if (next >= capacity) return null
      const i = next++
      const show = shows[i % shows.length]!
      const group = Math.floor(i / shows.length)
      const seatIds = show.seats.slice(group * seatsPerHold, (group + 1) * seatsPerHold).map((s) => s.globalId)
      const body = JSON.stringify({ query: BOOK_SEATS, variables: { input: { showId: show.globalId, seatIds } } })
      return { token: users[i % users.length]!.token, body }
    },
  }
}

/** An autocannon request whose every send is the plan's next hold, tallying answers in `tally`. */
export function holdRequest(plan: ReturnType<typeof holdPlan>, tally: Map<string, number>): Request {
  return {
    method: 'POST',
    path: '/graphql',
    setupRequest: (req) => {
      const hold = plan.take()
      if (!hold) return null as never
      return { ...req, headers: { ...req.headers, authorization: `Bearer ${hold.token}` }, body: hold.body }
    },
    onResponse: (_status, body) => {
      let kind: string
      try {
        kind = classifyHold(JSON.parse(body))
      } catch {
        kind = 'unparseable'
      }
      tally.set(kind, (tally.get(kind) ?? 0) + 1)
    },
  }
}
