/**
 * Order decisions, pure: the order's status moves forward only, PENDING → CONFIRMED or
 * PENDING → CANCELLED, whatever order the events arrive in. No SDK, no clock.
 */
import { orderContentHash, type EventData } from '../../lib/contracts';
import { ConflictingOrderError } from '../shared/conflicting-order-error';
import { buildEvent, type OutgoingEvent } from '../shared/event-builder';
import type { SagaEventOf } from '../shared/saga-message';
import type { UseCaseOutcome } from '../shared/use-case';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';
export type CancellationReason = EventData<'OrderCancelled'>['reason'];

/** The events the orders service consumes. */
export const ORDERS_CONSUMES = [
  'OrderPlaced',
  'ShipmentScheduled',
  'StockReservationFailed',
  'StockReleased',
  'OrderStalled',
] as const;
export type OrdersEvent = SagaEventOf<(typeof ORDERS_CONSUMES)[number]>;

/** One change of an order's status: to what, when it was recorded, and the event that caused it. */
export interface StatusChange {
  readonly status: OrderStatus;
  /** ISO time the change was recorded. */
  readonly at: string;
  readonly eventId: string;
  readonly detailType: OrdersEvent['detailType'];
}

/** An order as the orders service keeps it. */
export interface OrderRecord {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  /** Every status change, oldest first; also what redeliveries are recognised by (its event ids). */
  readonly history: readonly StatusChange[];
  /** Set when CANCELLED. */
  readonly cancellationReason?: CancellationReason;
  /** Set when CANCELLED: what went wrong, in words, as OrderCancelled carries it. */
  readonly cancellationDetail?: string;
  /** Set when CONFIRMED. */
  readonly confirmation?: { readonly trackingId: string; readonly estimatedDelivery: string };
  /** What was ordered, once OrderPlaced has been seen (it may arrive after the outcome). */
  readonly lines?: readonly { readonly sku: string; readonly quantity: number; readonly unitPrice: number }[];
  readonly currency?: string;
  /**
   * The content hash of the OrderPlaced the order was recorded from (or of the order its
   * ShipmentScheduled confirmed, when that came first): what a later OrderPlaced is compared with.
   */
  readonly orderHash?: string;
}

/** What an event does to an order. */
export interface OrderDecision {
  readonly outcome: UseCaseOutcome;
  /** The order to save, when `outcome` is `applied`. */
  readonly order?: OrderRecord;
  readonly events: readonly OutgoingEvent[];
  readonly note?: string;
  /** See UseCaseResult.standing. */
  readonly standing?: OutgoingEvent;
  /** See UseCaseResult.deadlines: the OrderStalled that ends the order if it is still PENDING then. */
  readonly deadlines?: readonly OutgoingEvent[];
}

const MAX_DETAIL_LENGTH = 500;

/**
 * Applies one event to an order (`undefined` if none is recorded yet).
 *
 * - An event already in the history is a redelivery: nothing changes, and if it is the event that
 *   ended the order, its OrderConfirmed/OrderCancelled is derived again to be republished.
 * - OrderPlaced records a PENDING order; if the order already exists (the outcome overtook it)
 *   it changes nothing.
 * - ShipmentScheduled confirms; StockReservationFailed and StockReleased cancel. On an order not
 *   recorded yet they create it directly in its final status, from the event's own data, so an
 *   outcome that overtakes its OrderPlaced still ends the order. On an order already final they
 *   change nothing: a final status is never left.
 */
export function applyOrderEvent(order: OrderRecord | undefined, event: OrdersEvent, now: Date): OrderDecision {
  const { eventId } = event.detail.metadata;
  // Before the redelivery check: the same event id with other content is a conflict, not a redelivery.
  if (event.detailType === 'OrderPlaced') assertSameContent(order, event.detail.data);
  if (order?.history.some((change) => change.eventId === eventId)) {
    const final = finalChange(order);
    return {
      outcome: 'duplicate',
      events: final?.eventId === eventId ? eventsOf(outcomeEvent(order)) : [],
      ...standingOf(order),
      // The deadline is sent again with the redelivery of the OrderPlaced that recorded the order,
      // in case the first delivery recorded it and then failed to send the deadline.
      ...(event.detailType === 'OrderPlaced' && order.status === 'PENDING'
        ? { deadlines: [deadlineEvent(event.detail.data, eventId)] }
        : {}),
    };
  }

  const at = now.toISOString();
  if (event.detailType === 'OrderPlaced') {
    const placed = event.detail.data;
    if (order) {
      return {
        outcome: 'ignored',
        events: [],
        note: `order '${placed.orderId}' is already ${order.status}`,
        ...standingOf(order),
      };
    }
    return {
      outcome: 'applied',
      events: [],
      order: {
        orderId: placed.orderId,
        customerId: placed.customerId,
        status: 'PENDING',
        history: [{ status: 'PENDING', at, eventId, detailType: event.detailType }],
        lines: placed.lines.map((line) => ({ ...line })),
        currency: placed.currency,
        orderHash: orderContentHash(placed),
      },
      deadlines: [deadlineEvent(placed, eventId)],
    };
  }

  const { orderId, customerId } = event.detail.data;
  if (order && order.status !== 'PENDING') {
    return {
      outcome: 'ignored',
      // The deadline of a finished order publishes its outcome again (same event id, so every
      // consumer recognises it): if the first publish was lost to a dual-write gap and the message
      // that ended the order then ran out of receives, this is what still refunds, releases and
      // notifies. The deadline comes from the settlement queue, which retries it for hours.
      events: event.detailType === 'OrderStalled' ? eventsOf(outcomeEvent(order)) : [],
      note: `order '${orderId}' is already ${order.status}; ${event.detailType} changes nothing`,
      ...standingOf(order),
    };
  }
  const base: OrderRecord = order ?? { orderId, customerId, status: 'PENDING', history: [] };
  const ended = { ...base, ...finalStateFor(base, event) };
  const decided: OrderRecord = {
    ...ended,
    history: [...base.history, { status: ended.status, at, eventId, detailType: event.detailType }],
  };
  return { outcome: 'applied', order: decided, events: eventsOf(outcomeEvent(decided)) };
}

/**
 * Throws when the order is held with other content than `placed`: a second OrderPlaced for the
 * order id whose content hash differs is a conflict, whichever arrived first.
 *
 * @throws ConflictingOrderError
 */
function assertSameContent(order: OrderRecord | undefined, placed: EventData<'OrderPlaced'>): void {
  if (!order?.orderHash) return;
  const hash = orderContentHash(placed);
  if (hash !== order.orderHash) throw new ConflictingOrderError(placed.orderId, order.orderHash, hash);
}

/**
 * The OrderStalled the orders service sends itself when it records an order (choreography): if
 * the order is still PENDING when it arrives, the order is cancelled with DEADLINE_EXCEEDED and
 * compensated. Its id derives from the OrderPlaced's, so a resend is recognised.
 */
export function deadlineEvent(placed: EventData<'OrderPlaced'>, placedEventId: string): OutgoingEvent<'OrderStalled'> {
  return stallEvent(placed, placedEventId, 'DEADLINE_EXCEEDED', 'the saga deadline passed before the order finished');
}

/**
 * OrderStalled for an order placed by the OrderPlaced `placedEventId`: the same id whatever the
 * reason, so a deadline and a failure of the same order cancel it once.
 */
export function stallEvent(
  placed: Pick<EventData<'OrderPlaced'>, 'orderId' | 'customerId'>,
  placedEventId: string,
  reason: EventData<'OrderStalled'>['reason'],
  detail: string,
): OutgoingEvent<'OrderStalled'> {
  return buildEvent(
    'OrderStalled',
    { orderId: placed.orderId, customerId: placed.customerId, reason, detail: truncate(detail) },
    { causationId: placedEventId, correlationId: placed.orderId },
  );
}

function standingOf(order: OrderRecord): { standing?: OutgoingEvent } {
  const standing = outcomeEvent(order);
  return standing ? { standing } : {};
}

type FinalState = Pick<
  OrderRecord,
  'status' | 'confirmation' | 'cancellationReason' | 'cancellationDetail' | 'orderHash'
>;

function finalStateFor(order: OrderRecord, event: Exclude<OrdersEvent, { detailType: 'OrderPlaced' }>): FinalState {
  switch (event.detailType) {
    case 'ShipmentScheduled': {
      const { trackingId, estimatedDelivery, orderHash } = event.detail.data;
      if (order.orderHash && order.orderHash !== orderHash) {
        // Inventory reserved (and payments charged, shipping scheduled) other content than the
        // order holds: two conflicting OrderPlaced reached the services in different orders.
        // Never confirm one order for another's charge: cancel, and the compensation gives the
        // stock and the money back.
        return {
          status: 'CANCELLED',
          cancellationReason: 'CONFLICTING_ORDER',
          cancellationDetail: `reserved, charged and shipped content ${orderHash.slice(0, 12)} is not the order's ${order.orderHash.slice(0, 12)}`,
        };
      }
      return { status: 'CONFIRMED', confirmation: { trackingId, estimatedDelivery }, orderHash };
    }
    case 'OrderStalled': {
      const { reason, detail } = event.detail.data;
      return { status: 'CANCELLED', cancellationReason: reason, cancellationDetail: truncate(detail) };
    }
    case 'StockReservationFailed': {
      const { reason, unavailable } = event.detail.data;
      const lines = unavailable.map((line) => `${line.sku} (requested ${line.requested}, available ${line.available})`);
      const what = reason === 'OUT_OF_STOCK' ? 'out of stock' : 'unknown sku';
      return {
        status: 'CANCELLED',
        cancellationReason: reason,
        cancellationDetail: truncate(`${what}: ${lines.join(', ')}`),
      };
    }
    case 'StockReleased':
      return {
        status: 'CANCELLED',
        cancellationReason: 'PAYMENT_DECLINED',
        cancellationDetail: truncate(`payment declined: ${event.detail.data.paymentFailureReason}; stock released`),
      };
  }
}

/** The status change that ended the order, if it has ended. */
export function finalChange(order: OrderRecord): StatusChange | undefined {
  return order.status === 'PENDING' ? undefined : order.history.findLast((change) => change.status === order.status);
}

/**
 * OrderConfirmed or OrderCancelled of an ended order, derived from the record alone: its cause is
 * the event that ended the order, its time when that was recorded. `undefined` while PENDING.
 */
export function outcomeEvent(order: OrderRecord): OutgoingEvent | undefined {
  const final = finalChange(order);
  if (!final) return undefined;
  const cause = { causationId: final.eventId, correlationId: order.orderId, occurredAt: new Date(final.at) };
  if (order.status === 'CONFIRMED' && order.confirmation) {
    return buildEvent(
      'OrderConfirmed',
      { orderId: order.orderId, customerId: order.customerId, ...order.confirmation },
      cause,
    );
  }
  if (order.status === 'CANCELLED' && order.cancellationReason) {
    return buildEvent(
      'OrderCancelled',
      {
        orderId: order.orderId,
        customerId: order.customerId,
        reason: order.cancellationReason,
        detail: order.cancellationDetail ?? '',
      },
      cause,
    );
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length <= MAX_DETAIL_LENGTH ? text : `${text.slice(0, MAX_DETAIL_LENGTH - 1)}…`;
}

function eventsOf<T>(event: T | undefined): T[] {
  return event ? [event] : [];
}
