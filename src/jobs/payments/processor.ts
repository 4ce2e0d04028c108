import { UnrecoverableError, type Job } from 'bullmq'
import { expireBooking } from '../../domain/booking/expire.ts'
import { endUnpaidPayment, settleDecline, settleSuccess } from '../../domain/booking/settle.ts'
import { findPaymentToSettle } from '../../domain/booking/settle-batches.ts'
import { PaymentDeclinedError } from '../../domain/payments/gateway.ts'
import type { Services } from '../../services.ts'
import type { PaymentJobData } from '../queues.ts'

/**
 * Charges the gateway for a PROCESSING payment and settles the booking. Safe to run again at any
 * point: the gateway charges once per payment id, and settlement is guarded by the states.
 * Transient gateway errors throw and are retried with backoff; a decline is final.
 */
export async function processPayment(services: Services, job: Job<PaymentJobData>) {
  const { paymentId, bookingId } = job.data
  const payment = await findPaymentToSettle(services, paymentId)
  if (!payment) return { skipped: 'missing' }
  if (payment.status === 'EXPIRED' || payment.status === 'FAILED') {
    // An attempt that died after charging, retried once the booking had ended: give it back.
    await endUnpaidPayment(services, paymentId, bookingId, payment.status)
    return { skipped: payment.status }
  }
  if (payment.status !== 'PROCESSING') return { skipped: payment.status }
  if (payment.bookingStatus !== 'PENDING_PAYMENT') {
    // Cancelled (or expired) before this attempt: charge nothing; give back what an earlier one took.
    await endUnpaidPayment(services, paymentId, bookingId, payment.bookingStatus === 'CANCELLED' ? 'FAILED' : 'EXPIRED')
    return { skipped: payment.bookingStatus }
  }
  if (!payment.live) {
    // The payment window closed before we got to it: charge nothing, give the seats back (and
    // any charge an attempt that died took: the expiry sees to that, or, when the booking is not
    // yet due, this).
    if (!(await expireBooking(services, bookingId)).expired) await endUnpaidPayment(services, paymentId, bookingId, 'EXPIRED')
    return { skipped: 'expired' }
  }
  try {
    const { chargeId } = await services.gateway.charge({
      idempotencyKey: paymentId,
      amount: payment.amount,
      currency: payment.currency,
      token: payment.token,
    })
    return { outcome: await settleSuccess(services, payment, chargeId) }
  } catch (err) {
    if (!(err instanceof PaymentDeclinedError)) throw err
    await settleDecline(services, paymentId, err.message)
    throw new UnrecoverableError(`declined: ${err.message}`)
  }
}
