import { fill, h } from '../dom.js'
import { minutesSeconds, money, seatList } from '../format.js'
import type { Booking } from '../live/booking-watch.js'

export type PaymentToken = 'tok_visa' | 'tok_decline'

export interface BookingActions {
  pay(token: PaymentToken): void
  release(): void
  startOver(): void
}

/** The booking's stage as one key: a new key is a new step, announced by moving focus to it. */
const ENDINGS: Partial<Record<Booking['status'], string>> = {
  PAYMENT_FAILED: 'Payment declined',
  EXPIRED: 'Hold expired',
  CANCELLED: 'Booking cancelled',
}

const stage = (b: Booking) => (b.status === 'PENDING_PAYMENT' ? `PENDING_${b.payment.status}` : b.status)

/**
 * The side panel for the booking made on this page: the hold and its countdown with the two test
 * payments, then the outcome (booking code, declined, expired, cancelled).
 */
export function createBookingPanel(actions: BookingActions) {
  const element = h('section', { class: 'booking-panel', 'aria-labelledby': 'booking-title', 'data-testid': 'booking-panel', hidden: true })
  let timer: ReturnType<typeof setInterval> | undefined
  let shown = ''

  function countdown(expiresAt: string, out: HTMLElement, payButtons: HTMLButtonElement[]) {
    const tick = () => {
      const left = Date.parse(expiresAt) - Date.now()
      out.textContent = minutesSeconds(left)
      if (left > 0) return
      clearInterval(timer)
      // The server releases the seats and says so by bookingUpdated; until then nothing to pay for.
      out.textContent = '0:00 — releasing your seats…'
      for (const b of payButtons) b.disabled = true
    }
    tick()
    timer = setInterval(tick, 1000)
  }

  function render(booking: Booking | null, busy = false) {
    clearInterval(timer)
    // Each render builds new buttons: keep the keyboard where it was (another customer's seat
    // change re-renders too), or hand it to the page's heading when the panel goes away.
    const hadFocus = element.contains(document.activeElement)
    const focusedLabel = hadFocus ? document.activeElement?.textContent : null
    element.hidden = !booking
    if (!booking) {
      shown = ''
      if (hadFocus) element.closest('main')?.querySelector<HTMLElement>('h1')?.focus()
      return
    }
    const title = h('h2', { id: 'booking-title', tabindex: -1 })
    const seats = h('p', {}, `Seats ${seatList(booking.seats.map((s) => s.seatNumber))} · ${money(booking.totalAmount)}`)
    // While a request is out the buttons say so with aria-disabled, not disabled: a disabled button
    // drops the keyboard focus to the page body (the flow ignores clicks while busy).
    const button = (label: string, onclick: () => void, cls = '') => h('button', { type: 'button', class: cls, 'aria-disabled': String(busy), onclick }, label)
    element.dataset.status = stage(booking)

    switch (stage(booking)) {
      case 'PENDING_PENDING': {
        title.textContent = 'Your seats are held'
        const left = h('time', { role: 'timer', 'data-testid': 'countdown' })
        const pay = [
          button('Pay with test card', () => actions.pay('tok_visa'), 'primary'),
          button('Pay with a card that is declined', () => actions.pay('tok_decline')),
        ]
        fill(element, title, seats, h('p', {}, 'Time left to pay: ', left), ...pay, button('Release seats', actions.release, 'link'))
        countdown(booking.expiresAt, left, pay)
        break
      }
      case 'PENDING_PROCESSING':
        title.textContent = 'Processing your payment…'
        fill(element, title, seats, h('p', { class: 'muted' }, 'This takes a moment. Your seats stay held meanwhile.'))
        break
      case 'CONFIRMED':
        title.textContent = 'Booked!'
        fill(element, title, seats,
          h('p', {}, 'Your booking code: ', h('strong', { class: 'booking-code', 'data-testid': 'booking-code' }, booking.bookingCode ?? '…')),
          button('Book more seats', actions.startOver, 'primary'))
        break
      default:
        title.textContent = ENDINGS[booking.status] ?? booking.status
        fill(element, title, seats, h('p', {}, 'These seats are no longer held for you.'), button('Pick seats again', actions.startOver, 'primary'))
    }
    if (shown !== stage(booking)) {
      shown = stage(booking)
      title.focus()
    } else if (hadFocus) {
      ;([...element.querySelectorAll('button')].find((b) => b.textContent === focusedLabel) ?? title).focus()
    }
  }

  return { element, render, dispose: () => clearInterval(timer) }
}

export type BookingPanel = ReturnType<typeof createBookingPanel>
