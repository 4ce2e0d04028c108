import DataLoader from 'dataloader'
import type { Db } from '../db/client.ts'
import { loadSeatMaps, type SeatMapCache, type SeatMapSnapshot } from '../domain/shows/seat-map.ts'

/** Per-request batching: a page of shows with their seat maps costs one seat query, not one per show. */
export interface Loaders {
  /** Key: `${showId}@${version}`, the version the parent Show row was read at. */
  seatMap: DataLoader<string, SeatMapSnapshot>
  /** Ids of the viewer's PENDING_PAYMENT bookings, for Seat.heldByViewer. */
  viewerHolds: () => Promise<Set<string>>
}

export function createLoaders(prisma: Db, cache: SeatMapCache, viewerId: string | null): Loaders {
  let holds: Promise<Set<string>> | null = null
  return {
    seatMap: new DataLoader(async (keys) => {
      const parsed = keys.map((k) => {
        const [showId, version] = k.split('@') as [string, string]
        return { showId, version: Number(version) }
      })
      const missing = parsed.filter((k) => !cache.get(k.showId, k.version)).map((k) => k.showId)
      const loaded = missing.length ? await loadSeatMaps(prisma, missing) : new Map<string, SeatMapSnapshot>()
      for (const snapshot of loaded.values()) cache.set(snapshot)
      return parsed.map(
        (k) => cache.get(k.showId, k.version) ?? loaded.get(k.showId) ?? { showId: k.showId, version: k.version, seats: [] },
      )
    }),
    viewerHolds: () =>
      (holds ??= viewerId
        ? prisma.booking
            .findMany({ where: { userId: viewerId, status: 'PENDING_PAYMENT' }, select: { id: true } })
            .then((rows) => new Set(rows.map((r) => r.id)))
        : Promise.resolve(new Set())),
  }
}
