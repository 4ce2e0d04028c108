import type { Db } from '../../db/client.ts'
import type { Seat } from '../../generated/prisma/client.ts'

export type SeatSnapshot = Pick<Seat, 'id' | 'showId' | 'seatNumber' | 'row' | 'number' | 'status' | 'bookingId'>

/** A show's seats as of one version: read in one statement, so the two always agree. */
export interface SeatMapSnapshot {
  showId: string
  version: number
  seats: SeatSnapshot[]
}

interface Row {
  id: string
  show_id: string
  seat_number: string
  row: string
  number: number
  status: Seat['status']
  booking_id: string | null
  version: number
}

export async function loadSeatMaps(prisma: Db, showIds: readonly string[]): Promise<Map<string, SeatMapSnapshot>> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT se.id, se.show_id, se.seat_number, se.row, se.number, se.status, se.booking_id, sh.seat_map_version AS version
      FROM shows sh JOIN seats se ON se.show_id = sh.id
     WHERE sh.id = ANY(${[...showIds]}::uuid[])
     ORDER BY se.show_id, length(se.row), se.row, se.number`
  const maps = new Map<string, SeatMapSnapshot>()
  for (const r of rows) {
    let map = maps.get(r.show_id)
    if (!map) maps.set(r.show_id, (map = { showId: r.show_id, version: r.version, seats: [] }))
    map.seats.push({ id: r.id, showId: r.show_id, seatNumber: r.seat_number, row: r.row, number: r.number, status: r.status, bookingId: r.booking_id })
  }
  return maps
}

/**
 * Snapshots by (show, version). A version never changes meaning, so an entry is valid forever;
 * the bound only limits memory. A popular show's chart is then read once per change, not per view.
 */
export class SeatMapCache {
  private readonly entries = new Map<string, SeatMapSnapshot>()

  constructor(private readonly maxShows = 500) {}

  get(showId: string, version: number): SeatMapSnapshot | undefined {
    const hit = this.entries.get(showId)
    return hit && hit.version === version ? hit : undefined
  }

  clear() {
    this.entries.clear()
  }

  set(snapshot: SeatMapSnapshot) {
    const current = this.entries.get(snapshot.showId)
    if (current && current.version > snapshot.version) return
    this.entries.delete(snapshot.showId)
    this.entries.set(snapshot.showId, snapshot)
    if (this.entries.size > this.maxShows) this.entries.delete(this.entries.keys().next().value!)
  }
}
