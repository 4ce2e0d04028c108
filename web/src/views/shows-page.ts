import { UpcomingShows } from '../api/operations.js'
import { fill, h } from '../dom.js'
import { money, showTime } from '../format.js'
import { createNotice } from './notice.js'
import type { Page, PageContext } from './page.js'

/** Upcoming shows, soonest first, each a link to its seat chart. */
export function showsPage(ctx: PageContext): Page {
  const notice = createNotice()
  const list = h('ul', { class: 'show-list', 'aria-busy': 'true' })
  const element = h('section', { class: 'page' }, h('h1', {}, 'Upcoming shows'), notice.element, list)

  void ctx.api.query(UpcomingShows, {}).then((answer) => {
    list.setAttribute('aria-busy', 'false')
    if (!answer.ok) return notice.show(answer.problem)
    const shows = answer.data.shows.edges.map((e) => e.node)
    if (!shows.length) return notice.show('No upcoming shows right now.', 'info')
    fill(list, ...shows.map((show) =>
      h('li', { class: 'show-card' },
        h('a', { href: `#/shows/${encodeURIComponent(show.id)}`, class: 'show-link' }, show.movie.title),
        h('span', {}, `${showTime(show.startTime)} · ${show.theater.name}, ${show.theater.city}`),
        h('span', { class: 'muted' }, `${money(show.price)} · ${show.availableSeats} of ${show.totalSeats} seats free`))))
  })

  return { element, title: 'Upcoming shows' }
}
