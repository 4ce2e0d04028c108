import { LogIn } from '../api/operations.js'
import type { Api } from '../api/transport.js'
import { h } from '../dom.js'
import type { Session } from '../session.js'
import { createNotice } from './notice.js'
import type { Page } from './page.js'

/** The seeded demo account, prefilled so a first visit is one click from the seat chart. */
const DEMO = { email: 'demo@seatgraph.dev', password: 'demo-password-1' }

export function loginPage(api: Api, onLoggedIn: (session: Session) => void, reason?: string): Page {
  const notice = createNotice()
  if (reason) notice.show(reason, 'info')
  const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true, value: DEMO.email })
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, value: DEMO.password })
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in')

  const form = h('form', { class: 'login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Log in to pick your seats'),
    h('label', { for: 'email' }, 'Email'), email,
    h('label', { for: 'password' }, 'Password'), password,
    submit,
    notice.element,
    h('p', { class: 'hint' }, 'The demo account is filled in for you.'))

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    submit.disabled = true
    notice.clear()
    const answer = await api.mutation(LogIn, { input: { email: email.value.trim(), password: password.value } })
    submit.disabled = false
    if (!answer.ok) return notice.show(answer.problem)
    const result = answer.data.logIn
    if (result.__typename === 'ValidationError') return notice.show(result.message)
    onLoggedIn({ token: result.token, name: result.user.name, email: result.user.email })
  })

  return { element: h('section', { class: 'page page--login' }, form), title: 'Log in' }
}
