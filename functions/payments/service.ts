import type { SagaEventOf } from '../shared/saga-message';
import type { UseCaseResult } from '../shared/use-case';
import type { EventData } from '../../lib/contracts';
import { ConcurrentUpdateError } from '../shared/store-errors';
import { chargeEvent, decideCharge, decideRefund } from './domain';
import type { PaymentsStore } from './store';

/** The events the payments service consumes. */
export const PAYMENTS_CONSUMES = ['StockReserved', 'OrderCancelled'] as const;
export type PaymentsEvent = SagaEventOf<(typeof PAYMENTS_CONSUMES)[number]>;

/**
 * StockReserved: charges a reserved order through the simulated provider, once per order: the charge record is
 * put only if the order has none, and a redelivery (or a replay months later) is refused with the
 * recorded charge and re-derives the same PaymentCompleted or PaymentFailed from it.
 */
export async function handlePaymentsEvent(
  store: PaymentsStore,
  event: PaymentsEvent,
  now: Date,
): Promise<UseCaseResult> {
  if (event.detailType === 'OrderCancelled') {
    return refundPayment(store, event.detail.data, event.detail.metadata.eventId, now);
  }
  const reserved = event.detail.data;
  const customer = await store.getCustomer(reserved.customerId);
  const charge = decideCharge(reserved, customer, {
    eventId: event.detail.metadata.eventId,
    decidedAt: now.toISOString(),
  });
  const recorded = await store.recordCharge(charge);
  if (recorded.written) return { outcome: 'applied', events: [chargeEvent(charge)] };

  // The order already has a charge record: a redelivery, a concurrent delivery that won, or a
  // cancellation that voided the order before it was charged. The first decision stands.
  if (recorded.existing.status === 'VOIDED') {
    return { outcome: 'ignored', events: [], note: `order '${reserved.orderId}' was cancelled before it was charged` };
  }
  return { outcome: 'duplicate', events: [chargeEvent(recorded.existing)] };
}

/** Races with a concurrent charge or refund of the same order are retried this often. */
const MAX_REFUND_ATTEMPTS = 5;

/**
 * RefundPayment, the compensation of a cancelled order: refunds its charge once, or voids the
 * order when nothing was charged yet, so that no charge stands without a confirmation or a
 * refund. Publishes nothing: the order is already CANCELLED.
 */
export async function refundPayment(
  store: PaymentsStore,
  cancelled: EventData<'OrderCancelled'>,
  eventId: string,
  now: Date,
): Promise<UseCaseResult> {
  const decision = { eventId, decidedAt: now.toISOString() };
  for (let attempt = 1; attempt <= MAX_REFUND_ATTEMPTS; attempt++) {
    const charge = await store.getCharge(cancelled.orderId);
    const refund = decideRefund(charge, cancelled, decision);
    switch (refund.kind) {
      case 'nothing-to-refund':
        return refund.status === 'REFUNDED' || refund.status === 'VOIDED'
          ? { outcome: 'duplicate', events: [] }
          : { outcome: 'ignored', events: [], note: `order '${cancelled.orderId}' holds no charge (${refund.status})` };
      case 'void':
        if ((await store.recordCharge(refund.voided)).written) return { outcome: 'applied', events: [] };
        break; // a charge landed meanwhile: decide again from it
      case 'refund':
        if (await store.recordRefund(refund.refunded)) return { outcome: 'applied', events: [] };
        break;
    }
  }
  throw new ConcurrentUpdateError(`CHARGE#${cancelled.orderId}`, MAX_REFUND_ATTEMPTS);
}
