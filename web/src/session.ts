/** Who is logged in. Kept in sessionStorage: a reload keeps the login, closing the tab ends it. */
export interface Session {
  token: string
  name: string
  email: string
}

const KEY = 'seatgraph.session'

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY)
    const s = raw ? (JSON.parse(raw) as Partial<Session>) : null
    return s?.token && s.email ? { token: s.token, name: s.name ?? s.email, email: s.email } : null
  } catch {
    return null
  }
}

export const saveSession = (s: Session) => sessionStorage.setItem(KEY, JSON.stringify(s))
export const clearSession = () => sessionStorage.removeItem(KEY)
