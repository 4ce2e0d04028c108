import { h } from '../dom.js'
import type { SeatLook, SeatModel } from './seat-model.js'

/** Colour is never the only cue: each look also has a pattern (CSS), a symbol and words. */
export const LOOKS: Record<SeatLook, { symbol: string; words: string }> = {
  available: { symbol: '', words: 'available' },
  selected: { symbol: '✓', words: 'selected by you' },
  mine: { symbol: '★', words: 'held for you' },
  locked: { symbol: '◷', words: 'held by someone else' },
  booked: { symbol: '✕', words: 'booked' },
  conflict: { symbol: '!', words: 'just taken by someone else' },
}

/**
 * The seat chart: rows as in the theatre (screen at the top, each seat in the column of its
 * number, so gaps stay gaps), an ARIA grid with one tab stop; arrow keys, Home and End move
 * between seats, Enter or Space (the seat is a button) toggles one.
 */
export class SeatChart {
  readonly element: HTMLElement
  private readonly buttons = new Map<string, HTMLButtonElement>()
  private readonly numbers = new Map<string, number>()
  private readonly grid: string[][] = []
  private focusId: string | null = null

  constructor(
    private readonly model: SeatModel,
    private readonly onToggle: (seatId: string) => void,
  ) {
    const rows = model.rows()
    const columns = Math.max(1, ...rows.flatMap(([, seats]) => seats.map((s) => s.number)))
    const gridEl = h('div', { role: 'grid', class: 'seat-grid', 'aria-label': 'Seats; the screen is at the top', style: `--columns: ${columns}` })
    for (const [row, seats] of rows) {
      const rowEl = h('div', { role: 'row', class: 'seat-row' }, h('span', { role: 'rowheader', class: 'row-label' }, row))
      for (const seat of seats) {
        const button = h('button', { type: 'button', class: 'seat', tabindex: -1, 'data-seat': seat.seatNumber, 'data-seat-id': seat.id },
          h('span', { class: 'seat-number' }, String(seat.number)),
          h('span', { class: 'seat-symbol', 'aria-hidden': 'true' }))
        button.addEventListener('click', () => this.onToggle(seat.id))
        button.addEventListener('focus', () => this.moveTabStop(seat.id))
        this.buttons.set(seat.id, button)
        this.numbers.set(seat.id, seat.number)
        rowEl.append(h('span', { role: 'gridcell', class: 'seat-cell', style: `grid-column: ${seat.number + 1}` }, button))
      }
      rowEl.append(h('span', { class: 'row-label', 'aria-hidden': 'true', style: `grid-column: ${columns + 2}` }, row))
      gridEl.append(rowEl)
      this.grid.push(seats.map((s) => s.id))
    }
    gridEl.addEventListener('keydown', (e) => this.onKey(e))
    this.element = h('div', { class: 'chart' }, h('div', { class: 'screen', 'aria-hidden': 'true' }, 'Screen'), gridEl)
    const first = this.grid[0]?.[0]
    if (first) this.moveTabStop(first)
    this.refresh()
  }

  /** Redraws every seat from the model (a few hundred buttons: cheap, and never out of step). */
  refresh() {
    for (const [id, button] of this.buttons) {
      const look = this.model.look(id)
      if (button.dataset.look === look) continue
      const { symbol, words } = LOOKS[look]
      const label = `Seat ${button.dataset.seat}, ${words}`
      button.dataset.look = look
      button.className = `seat seat--${look}`
      button.setAttribute('aria-label', label)
      button.title = label
      button.setAttribute('aria-pressed', String(look === 'selected'))
      button.setAttribute('aria-disabled', String(look !== 'available' && look !== 'selected'))
      button.querySelector('.seat-symbol')!.textContent = symbol
    }
  }

  private moveTabStop(id: string) {
    if (this.focusId === id) return
    if (this.focusId) this.buttons.get(this.focusId)?.setAttribute('tabindex', '-1')
    this.buttons.get(id)?.setAttribute('tabindex', '0')
    this.focusId = id
  }

  private onKey(e: KeyboardEvent) {
    if (!this.focusId) return
    const r = this.grid.findIndex((row) => row.includes(this.focusId!))
    const row = this.grid[r]!
    const c = row.indexOf(this.focusId)
    // Up and down keep to the seat nearest in number, as the eye would in an uneven hall.
    const here = this.numbers.get(this.focusId)!
    const distance = (id: string) => Math.abs(this.numbers.get(id)! - here)
    const nearest = (other: string[] | undefined) => other?.reduce((best, id) => (distance(id) < distance(best) ? id : best))
    const targets: Record<string, string | undefined> = {
      ArrowLeft: row[c - 1],
      ArrowRight: row[c + 1],
      ArrowUp: nearest(this.grid[r - 1]),
      ArrowDown: nearest(this.grid[r + 1]),
      Home: row[0],
      End: row[row.length - 1],
    }
    if (!(e.key in targets)) return
    e.preventDefault()
    const target = targets[e.key]
    if (target) {
      this.moveTabStop(target)
      this.buttons.get(target)!.focus()
    }
  }
}
