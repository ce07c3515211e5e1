import type { SagaEventOf } from '../shared/saga-message';
import { MissingRecordError } from '../shared/store-errors';
import type { UseCaseResult } from '../shared/use-case';
import { chargeEvent, decideCharge } from './domain';
import type { PaymentsStore } from './store';

/** The events the payments service consumes. */
export const PAYMENTS_CONSUMES = ['StockReserved'] as const;
export type PaymentsEvent = SagaEventOf<(typeof PAYMENTS_CONSUMES)[number]>;

/**
 * Charges a reserved order through the simulated provider, once per order: the charge record is
 * put only if the order has none, and a redelivery (or a replay months later) finds it and
 * re-derives the same PaymentCompleted or PaymentFailed.
 */
export async function handlePaymentsEvent(
  store: PaymentsStore,
  event: PaymentsEvent,
  now: Date,
): Promise<UseCaseResult> {
  const reserved = event.detail.data;
  const existing = await store.getCharge(reserved.orderId);
  if (existing) return { outcome: 'duplicate', events: [chargeEvent(existing)] };

  const customer = await store.getCustomer(reserved.customerId);
  const charge = decideCharge(reserved, customer, {
    eventId: event.detail.metadata.eventId,
    decidedAt: now.toISOString(),
  });
  if (await store.recordCharge(charge)) return { outcome: 'applied', events: [chargeEvent(charge)] };

  // A concurrent delivery recorded the charge between our read and our put.
  const winner = await store.getCharge(reserved.orderId);
  if (!winner) throw new MissingRecordError(`CHARGE#${reserved.orderId}`);
  return { outcome: 'duplicate', events: [chargeEvent(winner)] };
}
