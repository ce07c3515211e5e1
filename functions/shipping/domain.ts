/**
 * Shipping decisions, pure: which carrier, which tracking id, when it arrives. Everything is
 * derived from the paid order and the payment event's time, never from the wall clock, so the
 * same payment always yields the same shipment.
 */
import type { EventData } from '../../lib/contracts';
import { deriveOrderScopedId, stableHash } from '../shared/derived-id';
import { buildEvent, type OutgoingEvent } from '../shared/event-builder';

export type Carrier = EventData<'ShipmentScheduled'>['carrier'];

/** The one shipment of a paid order, kept under the order id. */
export interface Shipment {
  readonly orderId: string;
  readonly customerId: string;
  readonly paymentId: string;
  readonly shipmentId: string;
  readonly carrier: Carrier;
  readonly trackingId: string;
  /** ISO date (YYYY-MM-DD). */
  readonly estimatedDelivery: string;
  /** The PaymentCompleted that scheduled it, and when it was decided. */
  readonly scheduledBy: { readonly eventId: string; readonly decidedAt: string };
  /** The content hash of the order paid for, passed on to the orders service. */
  readonly orderHash?: string;
}

/** Days in transit per carrier, counted from the payment's date. */
export const TRANSIT_DAYS: Readonly<Record<Carrier, number>> = { POSTNL: 2, DHL: 3, UPS: 4 };

/**
 * The carrier for a parcel of `units` items: a letterbox parcel (up to 2) goes with PostNL, a
 * regular one (up to 10) with DHL, anything larger with UPS freight.
 */
export function chooseCarrier(units: number): Carrier {
  if (units <= 2) return 'POSTNL';
  if (units <= 10) return 'DHL';
  return 'UPS';
}

/** The tracking id of an order's parcel: the carrier and 8 hex digits of a hash of the order id. */
export function trackingIdFor(carrier: Carrier, orderId: string): string {
  return `${carrier}-${stableHash(orderId, 8)}`;
}

/** The delivery date: the carrier's transit days after the (UTC) date the payment occurred. */
export function estimateDelivery(carrier: Carrier, paidAt: string): string {
  const date = new Date(paidAt);
  if (Number.isNaN(date.getTime())) throw new RangeError(`payment time must be an ISO date-time, got '${paidAt}'`);
  date.setUTCDate(date.getUTCDate() + TRANSIT_DAYS[carrier]);
  return date.toISOString().slice(0, 10);
}

/** The shipment of a paid order; `paidAt` is the PaymentCompleted's `occurredAt`. */
export function planShipment(
  payment: EventData<'PaymentCompleted'>,
  paidAt: string,
  scheduledBy: Shipment['scheduledBy'],
): Shipment {
  const carrier = chooseCarrier(payment.lines.reduce((units, line) => units + line.quantity, 0));
  return {
    orderId: payment.orderId,
    customerId: payment.customerId,
    paymentId: payment.paymentId,
    shipmentId: deriveOrderScopedId('shp', payment.orderId),
    carrier,
    trackingId: trackingIdFor(carrier, payment.orderId),
    estimatedDelivery: estimateDelivery(carrier, paidAt),
    scheduledBy,
    orderHash: payment.orderHash,
  };
}

/** ShipmentScheduled, derived from the recorded shipment alone (identical on every redelivery). */
export function shipmentEvent(shipment: Shipment): OutgoingEvent<'ShipmentScheduled'> {
  return buildEvent(
    'ShipmentScheduled',
    {
      orderId: shipment.orderId,
      customerId: shipment.customerId,
      shipmentId: shipment.shipmentId,
      carrier: shipment.carrier,
      trackingId: shipment.trackingId,
      estimatedDelivery: shipment.estimatedDelivery,
      orderHash: shipment.orderHash ?? '0'.repeat(64),
    },
    {
      causationId: shipment.scheduledBy.eventId,
      correlationId: shipment.orderId,
      occurredAt: new Date(shipment.scheduledBy.decidedAt),
    },
  );
}
