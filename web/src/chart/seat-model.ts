import type { SeatStatus } from '../gql/graphql.js'

/** How one seat is drawn; each look has a colour, a pattern, a symbol and a spoken label. */
export type SeatLook = 'available' | 'selected' | 'mine' | 'locked' | 'booked' | 'conflict'

export interface SeatInfo {
  id: string
  seatNumber: string
  row: string
  number: number
  status: SeatStatus
}

export type ToggleOutcome = 'selected' | 'deselected' | 'unavailable' | 'mine' | 'limit'

/**
 * The chart's state without the DOM: each seat's status from the server, the seats the viewer's
 * own hold has, the viewer's selection, and the seats the server just refused as taken.
 */
export class SeatModel {
  readonly seats = new Map<string, SeatInfo>()
  readonly selected = new Set<string>()
  /** Seats of the viewer's pending booking: LOCKED for everyone else, "mine" here. */
  readonly mine = new Set<string>()
  /** Seats a hold attempt was refused for; highlighted until the viewer picks again. */
  readonly conflicts = new Set<string>()

  constructor(readonly maxSelection: number) {}

  /** A full snapshot. Returns the selected seats it shows as no longer free (they are deselected). */
  load(seats: readonly (SeatInfo & { heldByViewer: boolean })[]): string[] {
    this.seats.clear()
    this.mine.clear()
    for (const s of seats) {
      this.seats.set(s.id, { id: s.id, seatNumber: s.seatNumber, row: s.row, number: s.number, status: s.status })
      if (s.heldByViewer) this.mine.add(s.id)
    }
    return this.dropUnavailableSelection()
  }

  /** One event's changes. Returns the selected seats somebody else just took (all leave the selection). */
  apply(changes: readonly { seatId: string; status: SeatStatus }[]): string[] {
    for (const c of changes) {
      const seat = this.seats.get(c.seatId)
      if (!seat) continue
      seat.status = c.status
      if (c.status === 'AVAILABLE') {
        this.mine.delete(c.seatId)
        this.conflicts.delete(c.seatId)
      }
    }
    return this.dropUnavailableSelection()
  }

  look(id: string): SeatLook {
    const seat = this.seats.get(id)
    if (!seat) return 'booked'
    if (seat.status === 'BOOKED') return 'booked'
    if (seat.status === 'LOCKED') return this.mine.has(id) ? 'mine' : this.conflicts.has(id) ? 'conflict' : 'locked'
    if (this.conflicts.has(id)) return 'conflict'
    return this.selected.has(id) ? 'selected' : 'available'
  }

  toggle(id: string): ToggleOutcome {
    if (this.selected.delete(id)) return 'deselected'
    const look = this.look(id)
    if (look === 'mine') return 'mine'
    if (look !== 'available') return 'unavailable'
    if (this.selected.size >= this.maxSelection) return 'limit'
    this.conflicts.clear()
    this.selected.add(id)
    return 'selected'
  }

  /**
   * Seats of a hold in flight, or of the viewer's pending booking. The LOCKED event for them may
   * arrive before the mutation's answer; it must read as "mine", not as "taken by someone".
   */
  claim(seatIds: Iterable<string>) {
    for (const id of seatIds) this.mine.add(id)
  }

  unclaim(seatIds: Iterable<string>) {
    for (const id of seatIds) this.mine.delete(id)
  }

  /** The server refused these seats: mark them, and take them out of the selection. */
  refuse(seatIds: readonly string[]) {
    for (const id of seatIds) {
      this.conflicts.add(id)
      this.selected.delete(id)
    }
  }

  /** Rows in theatre order (the server sends seats ordered by row, then number). */
  rows(): [string, SeatInfo[]][] {
    const rows = new Map<string, SeatInfo[]>()
    for (const seat of this.seats.values()) {
      const row = rows.get(seat.row) ?? []
      row.push(seat)
      rows.set(seat.row, row)
    }
    return [...rows]
  }

  numbers(ids: Iterable<string>): string[] {
    return [...ids].map((id) => this.seats.get(id)?.seatNumber ?? '?')
  }

  private dropUnavailableSelection(): string[] {
    const gone = [...this.selected].filter((id) => this.seats.get(id)?.status !== 'AVAILABLE')
    for (const id of gone) this.selected.delete(id)
    return gone.filter((id) => !this.mine.has(id))
  }
}
