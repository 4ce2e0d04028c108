import { h } from '../dom.js'
import { LOOKS } from './seat-chart.js'
import type { SeatLook } from './seat-model.js'

const ORDER: SeatLook[] = ['available', 'selected', 'mine', 'locked', 'booked', 'conflict']

/** The key to the chart, drawn with the same classes as the seats themselves. */
export function legend(): HTMLElement {
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    ...ORDER.map((look) =>
      h('li', {},
        h('span', { class: `seat seat--${look} seat--sample`, 'aria-hidden': 'true' }, h('span', { class: 'seat-symbol' }, LOOKS[look].symbol)),
        ` ${LOOKS[look].words[0]!.toUpperCase()}${LOOKS[look].words.slice(1)}`)))
}
