import { legend } from '../chart/legend.js'
import { SeatChart } from '../chart/seat-chart.js'
import { SeatModel, type ToggleOutcome } from '../chart/seat-model.js'
import { fill, h } from '../dom.js'
import { seatList, showTime } from '../format.js'
import { SeatMapFeed, type ShowSnapshot } from '../live/seat-map-feed.js'
import { createBookingPanel } from './booking-panel.js'
import { BookingFlow } from './booking-flow.js'
import { createNotice } from './notice.js'
import type { Page, PageContext } from './page.js'
import { createSelectionBar } from './selection-bar.js'

/**
 * The server's default MAX_SEATS_PER_BOOKING. The schema does not publish the limit, so a server
 * configured lower still answers TOO_MANY_SEATS, which the page shows like any refusal.
 */
export const MAX_SEATS = 10

/** One show: its live seat chart, the selection, and the booking made here. */
export function showPage(ctx: PageContext, showId: string): Page {
  const model = new SeatModel(MAX_SEATS)
  const notice = createNotice()
  const heading = h('h1', {}, 'Loading seats…')
  const details = h('p', { class: 'muted' })
  const chartSlot = h('div', { class: 'chart-slot', 'aria-busy': 'true' })
  let chart: SeatChart | null = null
  let price: ShowSnapshot['price'] | null = null

  const panel = createBookingPanel({
    pay: (token) => void flow.pay(token),
    release: () => void flow.release(),
    startOver: () => flow.startOver(),
  })
  const bar = createSelectionBar(MAX_SEATS, () => void flow.hold())
  const flow = new BookingFlow(ctx.api, showId, model, { notice, render })

  function render() {
    chart?.refresh()
    panel.render(flow.booking, flow.busy)
    bar.element.hidden = flow.holding
    bar.render(model.numbers(model.selected), price, flow.busy)
  }

  const TOGGLE_MESSAGES: Partial<Record<ToggleOutcome, (seat: string) => string>> = {
    unavailable: (seat) => `Seat ${seat} is taken — someone else holds or bought it. Please pick another.`,
    mine: (seat) => `Seat ${seat} is already held for you.`,
    limit: () => `You can pick up to ${MAX_SEATS} seats per booking.`,
  }

  function toggle(seatId: string) {
    if (flow.busy) return
    if (flow.holding && model.look(seatId) !== 'mine') {
      return notice.show('Pay for or release the seats you hold before picking others.', 'info')
    }
    const outcome = model.toggle(seatId)
    // Seat events do not say who holds a seat: before telling someone it is somebody else's, see
    // whether it is their own hold from another window or device, and if so take it up here.
    if (outcome === 'unavailable' && !flow.holding) {
      void flow.resume().then(() => {
        if (model.look(seatId) !== 'mine') notice.show({ code: 'SEAT_TAKEN', message: TOGGLE_MESSAGES.unavailable!(model.numbers([seatId])[0]!) }, 'info')
        render()
      })
      return
    }
    const message = TOGGLE_MESSAGES[outcome]
    if (message) notice.show({ code: outcome === 'unavailable' ? 'SEAT_TAKEN' : outcome.toUpperCase(), message: message(model.numbers([seatId])[0]!) }, 'info')
    else {
      notice.clear()
      flow.selectionChanged()
    }
    render()
  }

  const reportLost = (lost: string[]) => {
    if (lost.length) notice.show({ code: 'SEATS_TAKEN', message: `${seatList(model.numbers(lost))} just got taken by someone else and left your selection.` }, 'info')
  }

  const feed = new SeatMapFeed(ctx.api, showId, {
    snapshot(show) {
      price = show.price
      heading.textContent = show.movie.title
      details.textContent = `${showTime(show.startTime)} · ${show.theater.name}, ${show.theater.city}`
      reportLost(model.load(show.seatMap.seats))
      if (!chart) {
        chart = new SeatChart(model, toggle)
        fill(chartSlot, legend(), chart.element)
        chartSlot.setAttribute('aria-busy', 'false')
        void flow.resume()
      }
      render()
    },
    change(event) {
      reportLost(model.apply(event.seats))
      flow.seatsChanged(event)
      render()
    },
    problem: (problem) => notice.show(problem),
  })
  feed.start()
  render()

  const element = h('section', { class: 'page page--show' },
    h('a', { href: '#/shows', class: 'back' }, '← All shows'),
    heading, details, notice.element,
    h('div', { class: 'show-layout' }, chartSlot, h('aside', { class: 'side' }, panel.element, bar.element)))

  return {
    element,
    title: 'Pick your seats',
    dispose() {
      feed.stop()
      flow.dispose()
      panel.dispose()
    },
  }
}
