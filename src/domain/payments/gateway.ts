import { setTimeout as sleep } from 'node:timers/promises'
import type { Db } from '../../db/client.ts'
import { sql, type Sql } from '../../db/sql.ts'

/** The card was refused: final, retrying cannot help. */
export class PaymentDeclinedError extends Error {
  override name = 'PaymentDeclinedError'
}

/** The gateway could not answer this time: retry later. */
export class GatewayUnavailableError extends Error {
  override name = 'GatewayUnavailableError'
}

export interface ChargeRequest {
  /** The payment id: the gateway takes one charge per key, however often it is asked. */
  idempotencyKey: string
  amount: number
  currency: string
  token: string
}

export interface PaymentGateway {
  charge(req: ChargeRequest): Promise<{ chargeId: string }>
  refund(idempotencyKey: string): Promise<void>
  /**
   * Charges taken for a key (0 or 1): before giving up on a payment the worker asks whether an
   * attempt that died took one; tests prove nothing is charged twice.
   */
  chargesFor(idempotencyKey: string): Promise<number>
}

export interface GatewayOptions {
  latencyMs: number
  /** How many times `tok_flaky` fails before it succeeds (per key, per process). */
  flakyFailures?: number
}

/**
 * The built-in simulated gateway. It keeps its ledger in its own table so charges survive worker
 * crashes like a real gateway's would: `tok_decline` is refused, `tok_flaky` fails transiently,
 * `tok_down` always fails transiently (a gateway outage), anything else is accepted.
 */
export function createGateway(prisma: Db, db: Sql, options: GatewayOptions): PaymentGateway {
  const flakyCounts = new Map<string, number>()
  const delay = () => (options.latencyMs > 0 ? sleep(options.latencyMs) : Promise.resolve())

  return {
    async charge(req) {
      await delay()
      if (req.token === 'tok_decline') throw new PaymentDeclinedError('Your card was declined.')
      if (req.token === 'tok_down') throw new GatewayUnavailableError('Payment gateway unavailable.')
      if (req.token === 'tok_flaky') {
        const seen = flakyCounts.get(req.idempotencyKey) ?? 0
        if (seen < (options.flakyFailures ?? 1)) {
          flakyCounts.set(req.idempotencyKey, seen + 1)
          throw new GatewayUnavailableError('Payment gateway timed out.')
        }
      }
      // One statement: a repeated key returns the charge taken the first time.
      const [charge] = await db.rows<{ charge_id: string }>(sql`
        INSERT INTO gateway_charges (idempotency_key, charge_id, amount, currency)
        VALUES (${req.idempotencyKey}, ${`ch_${crypto.randomUUID().replace(/-/g, '')}`}, ${req.amount}, ${req.currency})
        ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
        RETURNING charge_id`)
      return { chargeId: charge!.charge_id }
    },
    async refund(idempotencyKey) {
      await delay()
      await prisma.gatewayCharge.updateMany({ where: { idempotencyKey }, data: { refunded: true } })
    },
    chargesFor: (idempotencyKey) => prisma.gatewayCharge.count({ where: { idempotencyKey } }),
  }
}
