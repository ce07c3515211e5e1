import type { SagaEventOf } from '../shared/saga-message';
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
  const shipment = planShipment(payment, event.detail.metadata.occurredAt, {
    eventId: event.detail.metadata.eventId,
    decidedAt: now.toISOString(),
  });
  const recorded = await store.recordOnce(shipment);
  if (recorded.written) return { outcome: 'applied', events: [shipmentEvent(shipment)] };
  // Scheduled before (a redelivery, or a concurrent delivery that won): the first decision stands.
  return { outcome: 'duplicate', events: [shipmentEvent(recorded.existing)] };
}
