import type { Api } from '../api/transport.js'
import type { Session } from '../session.js'

/** What every logged-in page gets from the shell. */
export interface PageContext {
  api: Api
  session: Session
}

/** A mounted page; `dispose` ends its subscriptions and timers when the route changes. */
export interface Page {
  element: HTMLElement
  title: string
  dispose?(): void
}
