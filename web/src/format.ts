/** Display formats in the visitor's own locale and time zone; the server speaks UTC and cents. */
export const money = (m: { amount: number; currency: string }) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(m.amount / 100)

export const showTime = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))

/** "4:05" for a countdown; never negative. */
export function minutesSeconds(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
}

export const seatList = (numbers: string[]) => (numbers.length ? numbers.join(', ') : 'none')
