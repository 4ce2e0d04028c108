import { BookingById, BookingUpdates } from '../api/operations.js'
import type { Api } from '../api/transport.js'
import type { PickerBookingFragment } from '../gql/graphql.js'

export type Booking = PickerBookingFragment

/** How far along a booking is; a late answer must not move it back (PROCESSING after CONFIRMED). */
const progress = (b: Booking) =>
  b.status === 'PENDING_PAYMENT' ? (b.payment.status === 'PROCESSING' ? 1 : 0) : b.status === 'CONFIRMED' ? 2 : 3

/**
 * Follows one booking through `bookingUpdated`, which starts from the booking as it is
 * (`includeCurrent`), so an outcome published before the subscription was in place is not
 * missed. It has no replay: after a reconnect (or when `refresh()` is called) the booking is read
 * once with `booking(id)`.
 */
export class BookingWatch {
  private readonly unsubscribe: () => void
  private readonly offConnected: () => void
  private stopped = false
  private reached = -1

  constructor(
    private readonly api: Api,
    readonly bookingId: string,
    private readonly onBooking: (booking: Booking) => void,
  ) {
    this.unsubscribe = api.subscribe(BookingUpdates, { bookingId }, {
      next: ({ bookingUpdated }) => this.deliver(bookingUpdated),
      error: () => void this.refresh(),
    })
    this.offConnected = api.on('connected', (_socket, _payload, wasRetry) => {
      if (wasRetry) void this.refresh()
    })
  }

  async refresh() {
    const answer = await this.api.query(BookingById, { id: this.bookingId })
    if (answer.ok && answer.data.booking) this.deliver(answer.data.booking)
  }

  stop() {
    this.stopped = true
    this.offConnected()
    this.unsubscribe()
  }

  /** Also called with the mutation results the page gets, so one place orders every version. */
  deliver(booking: Booking) {
    if (this.stopped || progress(booking) < this.reached) return
    this.reached = progress(booking)
    this.onBooking(booking)
  }
}
