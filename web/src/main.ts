import { explain } from './api/problems.js'
import { createApi, type Api, type ConnectionState } from './api/transport.js'
import { fill, h } from './dom.js'
import { clearSession, loadSession, saveSession, type Session } from './session.js'
import { bookingsPage } from './views/bookings-page.js'
import { loginPage } from './views/login-page.js'
import type { Page, PageContext } from './views/page.js'
import { showPage } from './views/show-page.js'
import { clearNotice } from './views/notice.js'
import { showsPage } from './views/shows-page.js'

const CONNECTION_WORDS: Record<ConnectionState, string> = {
  idle: '',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
}

const main = document.getElementById('app')!
const nav = document.getElementById('nav')!
const badge = document.getElementById('connection')!

let session = loadSession()
let api: Api = createApi(session?.token ?? null, () => logOut(explain('UNAUTHENTICATED')))
let page: Page | null = null
let offBadge = watchConnection()

function watchConnection() {
  return api.onConnection((state) => {
    badge.textContent = CONNECTION_WORDS[state]
    badge.dataset.state = state
    if (state === 'live') connectionBack()
  })
}

/** Messages about the connection, which end when it is back (see problems.ts for the codes). */
const CONNECTION_PROBLEMS = new Set(['OFFLINE', 'NETWORK', 'CONNECTION'])

/**
 * Back online, or the live socket reconnected: a message saying otherwise is stale. A page that
 * could not load at all (opened offline) loads again; a loaded show page catches up by itself.
 */
function connectionBack() {
  const stale = [...main.querySelectorAll<HTMLElement>('[data-testid="notice"]')].filter((n) => CONNECTION_PROBLEMS.has(n.dataset.code ?? ''))
  if (!stale.length) return
  // Loaded content (or the login form, with what was typed) stays; only the message goes.
  if (!session || main.querySelector('.chart, .booking-card, .show-card')) {
    for (const n of stale) clearNotice(n)
  } else {
    route()
  }
}
addEventListener('online', connectionBack)

// The skip link's target is not a route: move the focus, leave the hash alone.
document.querySelector('.skip')?.addEventListener('click', (event) => {
  event.preventDefault()
  main.focus()
})

/** Each login gets its own transports, since the token travels in both. */
function replaceApi(next: Session | null) {
  offBadge()
  void api.dispose()
  session = next
  api = createApi(next?.token ?? null, () => logOut(explain('UNAUTHENTICATED')))
  offBadge = watchConnection()
}

/** Stays on the route the visitor asked for (a shared link to a show), now logged in. */
function logIn(next: Session) {
  saveSession(next)
  replaceApi(next)
  route()
}

function logOut(reason?: string) {
  clearSession()
  replaceApi(null)
  route(reason)
}

function renderNav(current: Session | null) {
  if (!current) return fill(nav)
  const logout = h('button', { type: 'button', class: 'link' }, 'Log out')
  logout.addEventListener('click', () => logOut())
  fill(nav,
    h('a', { href: '#/shows' }, 'Shows'),
    h('a', { href: '#/bookings' }, 'My bookings'),
    h('span', { class: 'muted' }, current.name),
    logout)
}

/** Hash routes (#/shows, #/shows/<id>, #/bookings): the server only has to serve index.html. */
function route(reason?: string) {
  page?.dispose?.()
  renderNav(session)
  if (!session) {
    page = loginPage(api, logIn, reason)
  } else {
    const ctx: PageContext = { api, session }
    const [, section, id] = location.hash.split('/')
    if (section === 'shows' && id) page = showPage(ctx, decodeURIComponent(id))
    else if (section === 'bookings') page = bookingsPage(ctx)
    else page = showsPage(ctx)
  }
  fill(main, page.element)
  document.title = `${page.title} · seatgraph`
  // A new page is a new context: start reading (and tabbing) from its heading.
  main.querySelector<HTMLElement>('h1')?.setAttribute('tabindex', '-1')
  main.querySelector<HTMLElement>('h1')?.focus()
}

addEventListener('hashchange', () => route())
route()
