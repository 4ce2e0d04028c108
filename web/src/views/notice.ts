import type { Problem } from '../api/problems.js'
import { h } from '../dom.js'

export type NoticeKind = 'error' | 'info' | 'success'

/**
 * The page's one message line. It is a live region, so screen readers announce what happened
 * (seats taken, payment declined) without the focus leaving the seat the person is on. It is
 * never hidden, only emptied: a region that appears together with its text is often not read.
 */
export function createNotice() {
  const element = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite', 'data-testid': 'notice' })
  return {
    element,
    show(message: string | Problem, kind: NoticeKind = 'error') {
      element.className = `notice notice--${kind}`
      element.dataset.code = typeof message === 'string' ? '' : message.code
      element.textContent = typeof message === 'string' ? message : message.message
    },
    clear: () => clearNotice(element),
  }
}

export type Notice = ReturnType<typeof createNotice>

/** Empties a notice's element (see createNotice: it is emptied, never hidden). */
export function clearNotice(element: HTMLElement) {
  element.className = 'notice'
  element.dataset.code = ''
  element.textContent = ''
}
