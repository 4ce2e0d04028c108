import { h } from '../dom.js'
import { money, seatList } from '../format.js'

/** The viewer's selection, its price and the button that holds it. */
export function createSelectionBar(max: number, onHold: () => void) {
  const summary = h('p', { 'aria-live': 'polite', 'data-testid': 'selection' })
  const hold = h('button', { type: 'button', class: 'primary', 'data-testid': 'hold', disabled: true }, 'Hold seats')
  hold.addEventListener('click', onHold)
  const element = h('section', { class: 'selection-bar', 'aria-label': 'Your selection' },
    h('h2', {}, 'Your selection'), summary, hold, h('p', { class: 'muted' }, `Up to ${max} seats per booking.`))

  return {
    element,
    render(seatNumbers: string[], price: { amount: number; currency: string } | null, busy: boolean) {
      const n = seatNumbers.length
      summary.textContent = n
        ? `${seatList(seatNumbers)} — ${n} ${n === 1 ? 'seat' : 'seats'}${price ? `, ${money({ ...price, amount: price.amount * n })}` : ''}`
        : 'No seats selected. Choose seats on the chart.'
      // Busy is aria-disabled, not disabled, so the focus stays on the button (the flow ignores clicks while busy).
      hold.disabled = n === 0 && !busy
      hold.setAttribute('aria-disabled', String(busy || n === 0))
      hold.textContent = busy ? 'Holding…' : n ? `Hold ${n} ${n === 1 ? 'seat' : 'seats'}` : 'Hold seats'
    },
  }
}
