import type { Db } from '../db/client.ts'
import type { SeatMapEventFact } from './topics.ts'

/** Change-log rows with from < version <= to, in order, as event facts. */
export async function readLog(prisma: Db, showId: string, from: number, to: number): Promise<SeatMapEventFact[]> {
  const rows = await prisma.seatMapChange.findMany({
    where: { showId, version: { gt: from, lte: to } },
    orderBy: { version: 'asc' },
  })
  return rows.map((r) => ({
    showId,
    version: r.version,
    reason: r.reason,
    seats: r.seats as unknown as SeatMapEventFact['seats'],
    at: r.createdAt.toISOString(),
  }))
}
