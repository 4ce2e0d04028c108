import { BookSeats, CancelBooking, ConfirmBooking, MyBookings } from '../api/operations.js'
import { explain, problemOf, type Problem } from '../api/problems.js'
import type { Api } from '../api/transport.js'
import type { SeatModel } from '../chart/seat-model.js'
import { seatList } from '../format.js'
import { BookingWatch, type Booking } from '../live/booking-watch.js'
import type { SeatMapEvent } from '../live/seat-map-feed.js'
import type { PaymentToken } from './booking-panel.js'
import type { Notice } from './notice.js'

const OUTCOMES: Partial<Record<Booking['status'], { code: string; kind: 'error' | 'success' | 'info' }>> = {
  PAYMENT_FAILED: { code: 'PAYMENT_DECLINED', kind: 'error' },
  EXPIRED: { code: 'HOLD_EXPIRED', kind: 'error' },
  CANCELLED: { code: 'CANCELLED', kind: 'info' },
}

/**
 * Hold → pay → outcome for the booking made on one show's page. Mutations answer at once; the
 * outcome of a payment arrives later by `bookingUpdated`, watched from the moment of the hold.
 */
export class BookingFlow {
  booking: Booking | null = null
  busy = false
  private watch: BookingWatch | null = null
  /** One key per selection: a retry after a lost answer returns the same hold, not a second one. */
  private holdKey = crypto.randomUUID()

  constructor(
    private readonly api: Api,
    private readonly showId: string,
    private readonly model: SeatModel,
    private readonly ui: { notice: Notice; render(): void },
  ) {}

  /** True while a hold is pending: the seats are spoken for, new ones cannot be picked. */
  get holding() {
    return this.booking?.status === 'PENDING_PAYMENT'
  }

  selectionChanged() {
    this.holdKey = crypto.randomUUID()
  }

  /** Picks up a hold made earlier on this show (a reload, another tab, an answer that got lost). */
  async resume(): Promise<boolean> {
    const answer = await this.api.query(MyBookings, { status: ['PENDING_PAYMENT'] })
    const pending = answer.ok ? answer.data.myBookings.edges.map((e) => e.node).find((b) => b.show.id === this.showId) : null
    if (!pending || this.holding) return false
    this.follow(pending)
    return true
  }

  async hold() {
    const seatIds = [...this.model.selected]
    if (!seatIds.length || this.busy) return
    this.model.claim(seatIds)
    const answer = await this.run(() => this.api.mutation(BookSeats, { input: { showId: this.showId, seatIds, idempotencyKey: this.holdKey } }))
    // Only an attempt that got no answer is retried with the same key; anything else is settled.
    if (answer) this.selectionChanged()
    // No answer, yet the hold may have been made: if it was, it is this customer's to pick up.
    else if (await this.resume()) return this.ui.notice.clear()
    const result = answer?.bookSeats
    if (result?.__typename === 'BookSeatsSuccess') {
      this.ui.notice.clear()
      return this.follow(result.booking)
    }
    this.model.unclaim(seatIds)
    if (result?.__typename === 'SeatsUnavailableError') {
      this.model.refuse(result.seatIds)
      const taken = seatList(this.model.numbers(result.seatIds))
      this.fail({ code: result.code, message: `Sorry — ${taken} ${result.seatIds.length === 1 ? 'was' : 'were'} taken a moment ago. Marked with "!" on the chart; please pick other seats.` })
    } else if (result) this.fail(problemOf(result))
    this.ui.render()
  }

  async pay(paymentToken: PaymentToken) {
    const booking = this.booking
    if (!booking || this.busy) return
    const answer = await this.run(() => this.api.mutation(ConfirmBooking, { input: { bookingId: booking.id, paymentToken, idempotencyKey: `${booking.id}:pay` } }))
    const result = answer?.confirmBooking
    if (result?.__typename === 'ConfirmBookingSuccess') this.watch?.deliver(result.booking)
    else if (!answer) void this.watch?.refresh() // the payment may have started all the same
    else if (result) {
      this.fail(problemOf(result))
      void this.watch?.refresh() // e.g. HOLD_EXPIRED: show the booking as it now is
    }
  }

  async release() {
    const booking = this.booking
    if (!booking || this.busy) return
    const answer = await this.run(() => this.api.mutation(CancelBooking, { input: { bookingId: booking.id } }))
    const result = answer?.cancelBooking
    if (result?.__typename === 'CancelBookingSuccess') this.watch?.deliver(result.booking)
    else if (result) this.fail(problemOf(result))
  }

  /** The seat map is the reliable stream: if it moved our seats, make sure we know the outcome. */
  seatsChanged(event: SeatMapEvent) {
    if (!this.booking || event.reason === 'LOCKED') return
    const ours = new Set(this.booking.seats.map((s) => s.id))
    if (event.seats.some((s) => ours.has(s.seatId))) void this.watch?.refresh()
  }

  startOver() {
    this.stopWatching()
    this.booking = null
    this.ui.notice.clear()
    this.ui.render()
  }

  dispose() {
    this.stopWatching()
  }

  private follow(booking: Booking) {
    this.stopWatching()
    this.watch = new BookingWatch(this.api, booking.id, (b) => this.updated(b))
    this.watch.deliver(booking)
  }

  /** Every version of the booking, in order. A CONFIRMED one is still watched: it may be cancelled elsewhere. */
  private updated(booking: Booking) {
    const before = this.booking?.status
    this.booking = booking
    this.model.unclaim(booking.seats.map((s) => s.id))
    if (booking.status === 'PENDING_PAYMENT') this.model.claim(booking.seats.map((s) => s.id))
    const outcome = OUTCOMES[booking.status]
    if (before !== booking.status) {
      if (booking.status === 'CONFIRMED') this.ui.notice.show(`Booked! Your booking code is ${booking.bookingCode ?? '…'}.`, 'success')
      else if (outcome) {
        const refund = booking.payment.status === 'REFUNDED' || before === 'CONFIRMED' ? ' Your payment is being refunded.' : ''
        this.ui.notice.show({ code: outcome.code, message: explain(outcome.code, `Your booking was cancelled and the seats released.${refund}`) }, outcome.kind)
      }
    }
    if (booking.status !== 'PENDING_PAYMENT' && booking.status !== 'CONFIRMED') this.stopWatching()
    this.ui.render()
  }

  private async run<T>(send: () => Promise<{ ok: true; data: T } | { ok: false; problem: Problem }>): Promise<T | null> {
    this.busy = true
    this.ui.render()
    const answer = await send()
    this.busy = false
    if (!answer.ok) this.fail(answer.problem)
    this.ui.render()
    return answer.ok ? answer.data : null
  }

  private fail(problem: Problem) {
    this.ui.notice.show(problem, 'error')
  }

  private stopWatching() {
    this.watch?.stop()
    this.watch = null
  }
}
