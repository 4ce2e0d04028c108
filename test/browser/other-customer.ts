import type { TestApp } from '../support/app.ts'

const HOLD = `mutation ($input: BookSeatsInput!) {
  bookSeats(input: $input) { __typename ... on BookSeatsSuccess { booking { id } } ... on Error { code message } }
}`
const CANCEL = `mutation ($input: CancelBookingInput!) {
  cancelBooking(input: $input) { __typename ... on Error { code message } }
}`
const VERSION = `query ($id: ID!) { show(id: $id) { seatMap { version } } }`

interface Show {
  globalId: string
  seats: { seatNumber: string; globalId: string }[]
}

/** A third customer who books through the API, changing the seat map under the pages' feet. */
export async function otherCustomer(app: TestApp, show: Show) {
  const user = await app.factory.user()
  let bookingId: string | null = null
  const seatId = (n: string) => show.seats.find((s) => s.seatNumber === n)!.globalId

  return {
    async hold(...seatNumbers: string[]) {
      const res = await app.gql<{ bookSeats: { __typename: string; booking?: { id: string } } }, unknown>(
        HOLD, { input: { showId: show.globalId, seatIds: seatNumbers.map(seatId) } }, user.token)
      if (!res.data?.bookSeats.booking) throw new Error(`hold failed: ${JSON.stringify(res)}`)
      bookingId = res.data.bookSeats.booking.id
    },
    async cancel() {
      const res = await app.gql<{ cancelBooking: { __typename: string } }, unknown>(CANCEL, { input: { bookingId } }, user.token)
      if (res.data?.cancelBooking.__typename !== 'CancelBookingSuccess') throw new Error(`cancel failed: ${JSON.stringify(res)}`)
    },
    async seatMapVersion(): Promise<number> {
      const res = await app.gql<{ show: { seatMap: { version: number } } }, unknown>(VERSION, { id: show.globalId })
      return res.data!.show.seatMap.version
    },
  }
}
