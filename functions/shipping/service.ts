import type { SagaEventOf } from '../shared/saga-message';
import { MissingRecordError } from '../shared/store-errors';
import type { UseCaseResult } from '../shared/use-case';
import { planShipment, shipmentEvent } from './domain';
import type { ShippingStore } from './store';

/** The events the shipping service consumes. */
export const SHIPPING_CONSUMES = ['PaymentCompleted'] as const;
export type ShippingEvent = SagaEventOf<(typeof SHIPPING_CONSUMES)[number]>;

/** Schedules the shipment of a paid order, once per order; a redelivery re-derives the same ShipmentScheduled. */
export async function handleShippingEvent(
  store: ShippingStore,
  event: ShippingEvent,
  now: Date,
): Promise<UseCaseResult> {
  const payment = event.detail.data;
  const existing = await store.get(payment.orderId);
  if (existing) return { outcome: 'duplicate', events: [shipmentEvent(existing)] };

  const shipment = planShipment(payment, event.detail.metadata.occurredAt, {
    eventId: event.detail.metadata.eventId,
    decidedAt: now.toISOString(),
  });
  if (await store.recordOnce(shipment)) return { outcome: 'applied', events: [shipmentEvent(shipment)] };

  const winner = await store.get(payment.orderId);
  if (!winner) throw new MissingRecordError(`SHIPMENT#${payment.orderId}`);
  return { outcome: 'duplicate', events: [shipmentEvent(winner)] };
}
