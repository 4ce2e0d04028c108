import { CancelBooking, MyBookings } from '../api/operations.js'
import { problemOf } from '../api/problems.js'
import type { Answer } from '../api/transport.js'
import { fill, h } from '../dom.js'
import { money, seatList, showTime } from '../format.js'
import type { PickerMyBookingsQuery } from '../gql/graphql.js'
import { createNotice } from './notice.js'
import type { Page, PageContext } from './page.js'

type Booking = PickerMyBookingsQuery['myBookings']['edges'][number]['node']

const STATUS_WORDS: Record<Booking['status'], string> = {
  PENDING_PAYMENT: 'Held, awaiting payment',
  CONFIRMED: 'Confirmed',
  CANCELLED: 'Cancelled',
  EXPIRED: 'Hold expired',
  PAYMENT_FAILED: 'Payment declined',
}

/** What the customer needs to know: a payment under way, money given back. */
function statusWords(b: Booking): string {
  if (b.status === 'PENDING_PAYMENT' && b.payment.status === 'PROCESSING') return 'Payment processing'
  if (b.status === 'CANCELLED' && b.payment.status === 'REFUNDED') return 'Cancelled, refunded'
  return STATUS_WORDS[b.status]
}

/** A paid booking can be cancelled (and refunded) before the show; an unpaid hold (paying or not) can be released. */
const cancellable = (b: Booking) => Date.parse(b.show.startTime) > Date.now() && (b.status === 'CONFIRMED' || b.status === 'PENDING_PAYMENT')

/** The viewer's bookings, newest first, with their codes and a cancel button where allowed. */
export function bookingsPage(ctx: PageContext): Page {
  const notice = createNotice()
  const list = h('ul', { class: 'booking-list', 'aria-busy': 'true' })
  const more = h('button', { type: 'button', hidden: true }, 'Show older bookings')
  const element = h('section', { class: 'page' }, h('h1', {}, 'My bookings'), notice.element, list, more)
  let pages = 1

  /** Loads the first `pages` pages again, so a cancel shows its new status where it was. */
  async function load() {
    const bookings: Booking[] = []
    let after: string | null = null
    for (let page = 0; page < pages; page++) {
      const answer: Answer<PickerMyBookingsQuery> = await ctx.api.query(MyBookings, { after })
      if (!answer.ok) return notice.show(answer.problem)
      bookings.push(...answer.data.myBookings.edges.map((e) => e.node))
      after = answer.data.myBookings.pageInfo.endCursor ?? null
      more.hidden = !answer.data.myBookings.pageInfo.hasNextPage
      if (more.hidden) break
    }
    list.setAttribute('aria-busy', 'false')
    if (!bookings.length) return fill(list, h('li', { class: 'muted' }, 'No bookings yet.'))
    fill(list, ...bookings.map(item))
  }
  more.addEventListener('click', () => {
    pages++
    void load()
  })

  function item(b: Booking): HTMLElement {
    const title = `${b.show.movie.title}, ${showTime(b.show.startTime)}`
    const seats = seatList(b.seats.map((s) => s.seatNumber))
    const action = b.status === 'CONFIRMED' ? 'Cancel and refund' : 'Release seats'
    // The visible words lead the name (voice control), the seats tell two bookings of one show apart.
    const cancel = cancellable(b) ? h('button', { type: 'button', 'aria-label': `${action}: ${seats}, ${title}` }, action) : null
    cancel?.addEventListener('click', async () => {
      cancel.disabled = true
      const answer = await ctx.api.mutation(CancelBooking, { input: { bookingId: b.id } })
      const result = answer.ok ? answer.data.cancelBooking : null
      if (!answer.ok) notice.show(answer.problem)
      else if (result?.__typename !== 'CancelBookingSuccess') notice.show(problemOf(result!))
      else {
        const paid = b.status === 'CONFIRMED'
        notice.show(`Cancelled: ${title}. The seats are back on sale${paid ? ', and your payment is being refunded' : ''}.`, 'success')
      }
      await load()
    })
    return h('li', { class: 'booking-card', 'data-booking-id': b.id, 'data-status': b.status },
      h('a', { href: `#/shows/${encodeURIComponent(b.show.id)}` }, title),
      h('span', {}, `${b.show.theater.name} · Seats ${seats} · ${money(b.totalAmount)}`),
      h('span', { class: `status status--${b.status.toLowerCase()}` }, statusWords(b)),
      // A code is a ticket only while the booking stands.
      b.bookingCode && b.status === 'CONFIRMED' ? h('span', {}, 'Code ', h('strong', { class: 'booking-code' }, b.bookingCode)) : null,
      cancel)
  }

  void load()
  return { element, title: 'My bookings' }
}
