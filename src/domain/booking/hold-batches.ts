/**
 * Concurrent bookSeats calls write their holds together (see batched): one statement and one
 * commit for every hold that reached PostgreSQL in the same turn of the event loop. PostgreSQL's
 * CPU per hold was mostly the statement's own: starting its plan, its triggers, its commit.
 */
import { batched } from '../../db/batch.ts'
import type { Services } from '../../services.ts'
import { writeHolds, type HoldOutcome, type HoldTerms, type HoldWrite } from './hold-statement.ts'

/** A hold's outcome, or the error its statement failed with. */
export type HoldResult = HoldOutcome | { ok: false; error: unknown }

/**
 * Writes a batch whose holds are independent: a hold sharing its booking id (a concurrent retry),
 * its user and show (the cap must count the first) or a seat (possible only when Redis lost its
 * locks) with an earlier one of the batch waits for the next round, which sees the first committed.
 */
async function writeIndependent(services: Services, holds: HoldWrite[]): Promise<HoldResult[]> {
  const claimed = new Set<string>()
  const now: number[] = []
  const later: number[] = []
  holds.forEach((h, i) => {
    const keys = [`b|${h.bookingId}`, `u|${h.userId}|${h.showId}`, ...h.seatIds.map((id) => `s|${id}`)]
    if (keys.some((k) => claimed.has(k))) return later.push(i)
    keys.forEach((k) => claimed.add(k))
    now.push(i)
  })
  const results: HoldResult[] = new Array(holds.length)
  ;(await writeOrSplit(services, now.map((i) => holds[i]!))).forEach((r, k) => (results[now[k]!] = r))
  if (later.length) (await writeIndependent(services, later.map((i) => holds[i]!))).forEach((r, k) => (results[later[k]!] = r))
  return results
}

/** A batch that fails (a guard, a deadlock with another process) is retried hold by hold, so a failure stays its own. */
async function writeOrSplit(services: Services, holds: HoldWrite[]): Promise<HoldResult[]> {
  const terms = termsOf(services)
  const alone = (hold: HoldWrite): Promise<HoldResult> =>
    writeHolds(services.sql, [hold], terms).then(([outcome]) => outcome!, (error: unknown) => ({ ok: false, error }))
  if (holds.length === 1) return [await alone(holds[0]!)]
  return writeHolds(services.sql, holds, terms).catch(() => Promise.all(holds.map(alone)))
}

const termsOf = ({ config }: Services): HoldTerms => ({
  lockMs: config.seatLockExpiryMs,
  paymentMs: config.paymentTimeoutMs,
  heldSeatsCap: config.maxHeldSeatsPerUser,
})

// Per process (per Services), never module-wide: tests and benchmarks build several.
const batchers = new WeakMap<Services, (hold: HoldWrite) => Promise<HoldResult>>()

/** Writes a hold (see writeHolds) in the batch of its turn; never rejects. */
export function writeHold(services: Services, hold: HoldWrite): Promise<HoldResult> {
  let write = batchers.get(services)
  if (!write) batchers.set(services, (write = batched((holds: HoldWrite[]) => writeIndependent(services, holds))))
  return write(hold)
}
