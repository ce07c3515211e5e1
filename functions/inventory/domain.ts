/**
 * Inventory decisions, pure: reserve every line of an order or none, and give a reservation back
 * once when its payment fails. No SDK, no clock: times come in as arguments.
 */
import { orderContentHash, orderTotal, type EventData } from '../../lib/contracts';
import { buildEvent, type OutgoingEvent } from '../shared/event-builder';

/**
 * RESERVED: stock taken. FAILED: the stock could not cover the order; nothing taken. RELEASED:
 * taken and given back. VOIDED: the order was cancelled before inventory reserved anything; kept
 * so that a late OrderPlaced reserves nothing.
 */
export type ReservationStatus = 'RESERVED' | 'FAILED' | 'RELEASED' | 'VOIDED';
/** Why stock was given back: its payment failed, or the order was cancelled (compensation). */
export type ReleaseCause = 'PAYMENT_FAILED' | 'ORDER_CANCELLED';
export type ReservationFailureReason = EventData<'StockReservationFailed'>['reason'];
export type PaymentFailureReason = EventData<'PaymentFailed'>['reason'];

export interface ReservationLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: number;
}

/** A line that could not be reserved: what was asked and what the stock had. */
export interface UnavailableLine {
  readonly sku: string;
  readonly requested: number;
  readonly available: number;
}

/** The event that decided something, and when: outgoing events are derived from it. */
export interface Decision {
  readonly eventId: string;
  /** ISO time the decision was recorded; the outgoing event's `occurredAt`. */
  readonly decidedAt: string;
}

/**
 * The outcome of an order at the inventory, kept under the order id forever: a redelivered or
 * replayed `OrderPlaced` finds it and reserves nothing twice.
 */
export interface Reservation {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: ReservationStatus;
  readonly lines: readonly ReservationLine[];
  readonly amount: number;
  readonly currency: string;
  readonly paymentToken: string;
  /** The content hash of the OrderPlaced reserved for; absent on a VOIDED record. */
  readonly orderHash?: string;
  /** The `OrderPlaced` that reserved (or failed to reserve); the OrderCancelled that voided it. */
  readonly reservedBy: Decision;
  /** Set when status is FAILED. */
  readonly failure?: { readonly reason: ReservationFailureReason; readonly unavailable: readonly UnavailableLine[] };
  /** Set when status is RELEASED: the `PaymentFailed` or `OrderCancelled` that released it. */
  readonly releasedBy?: Decision & {
    /** @default 'PAYMENT_FAILED' - records written before orders could be cancelled otherwise */
    readonly cause?: ReleaseCause;
    /** Set when the cause is PAYMENT_FAILED. */
    readonly paymentFailureReason?: PaymentFailureReason;
  };
}

/** The total of an order in minor units: sum of quantity × unit price (the contract bounds it). */
export function orderAmount(lines: readonly ReservationLine[]): number {
  return orderTotal(lines);
}

/** The reservation to write if every line can be taken from stock. */
export function plannedReservation(order: EventData<'OrderPlaced'>, reservedBy: Decision): Reservation {
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    status: 'RESERVED',
    lines: order.lines.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
    amount: orderAmount(order.lines),
    currency: order.currency,
    paymentToken: order.paymentToken,
    orderHash: orderContentHash(order),
    reservedBy,
  };
}

/**
 * The content hash of `order` when the reservation was made for other content (a second
 * OrderPlaced for the order id with another hash is a conflict, whichever arrived first);
 * `undefined` when they agree or the record holds no content (VOIDED).
 */
export function conflictsWith(reservation: Reservation, order: EventData<'OrderPlaced'>): string | undefined {
  if (!reservation.orderHash) return undefined;
  const hash = orderContentHash(order);
  return hash === reservation.orderHash ? undefined : hash;
}

/** The record of an order cancelled before inventory reserved anything: it takes no stock and blocks a late reservation. */
export function voidedReservation(
  cancelled: Pick<EventData<'OrderCancelled'>, 'orderId' | 'customerId'>,
  voidedBy: Decision,
): Reservation {
  return {
    orderId: cancelled.orderId,
    customerId: cancelled.customerId,
    status: 'VOIDED',
    lines: [],
    amount: 0,
    currency: 'XXX',
    paymentToken: 'tok_none',
    reservedBy: voidedBy,
  };
}

/**
 * Why the reservation could not be made, given the stock levels read after the transaction was
 * refused (`undefined` for a SKU with no stock item). Returns `undefined` when every line fits
 * now: the refusal came from a race that has passed, and the reservation should be tried again.
 * An unknown SKU outranks a shortage: no amount of restocking fixes it.
 */
export function assessShortfall(
  lines: readonly ReservationLine[],
  stock: ReadonlyMap<string, number | undefined>,
): { reason: ReservationFailureReason; unavailable: UnavailableLine[] } | undefined {
  const unknown = lines.filter((line) => stock.get(line.sku) === undefined);
  if (unknown.length > 0) {
    return {
      reason: 'UNKNOWN_SKU',
      unavailable: unknown.map((line) => ({ sku: line.sku, requested: line.quantity, available: 0 })),
    };
  }
  const short = lines.filter((line) => (stock.get(line.sku) ?? 0) < line.quantity);
  if (short.length === 0) return undefined;
  return {
    reason: 'OUT_OF_STOCK',
    unavailable: short.map((line) => ({
      sku: line.sku,
      requested: line.quantity,
      available: Math.max(0, stock.get(line.sku) ?? 0),
    })),
  };
}

/** The reservation recorded when the stock could not cover the order: nothing is taken. */
export function failedReservation(
  planned: Reservation,
  failure: { reason: ReservationFailureReason; unavailable: readonly UnavailableLine[] },
): Reservation {
  return { ...planned, status: 'FAILED', failure };
}

/** What a `PaymentFailed` does to a reservation. */
export type ReleaseDecision =
  | { readonly kind: 'release'; readonly released: Reservation }
  | { readonly kind: 'already-released' }
  | { readonly kind: 'nothing-reserved' };

/**
 * Releases a reservation whose payment failed. Only a RESERVED reservation is released; one
 * already RELEASED is a redelivery; a FAILED one never took stock.
 */
export function decideRelease(
  reservation: Reservation,
  cause:
    | { readonly eventId: string; readonly cause: 'PAYMENT_FAILED'; readonly reason: PaymentFailureReason }
    | { readonly eventId: string; readonly cause: 'ORDER_CANCELLED' },
  decidedAt: string,
): ReleaseDecision {
  switch (reservation.status) {
    case 'RELEASED':
      return { kind: 'already-released' };
    case 'FAILED':
    case 'VOIDED':
      return { kind: 'nothing-reserved' };
    case 'RESERVED':
      return {
        kind: 'release',
        released: {
          ...reservation,
          status: 'RELEASED',
          releasedBy:
            cause.cause === 'PAYMENT_FAILED'
              ? { eventId: cause.eventId, decidedAt, cause: 'PAYMENT_FAILED', paymentFailureReason: cause.reason }
              : { eventId: cause.eventId, decidedAt, cause: 'ORDER_CANCELLED' },
        },
      };
  }
}

/**
 * The event an `OrderPlaced` leads to, derived from the recorded reservation alone, so a
 * redelivery republishes it identically: StockReserved (also once released: that is still what
 * the OrderPlaced led to) or StockReservationFailed.
 */
export function reservationOutcomeEvent(reservation: Reservation): OutgoingEvent {
  const cause = {
    causationId: reservation.reservedBy.eventId,
    correlationId: reservation.orderId,
    occurredAt: new Date(reservation.reservedBy.decidedAt),
  };
  if (reservation.status === 'FAILED' && reservation.failure) {
    return buildEvent(
      'StockReservationFailed',
      {
        orderId: reservation.orderId,
        customerId: reservation.customerId,
        reason: reservation.failure.reason,
        unavailable: reservation.failure.unavailable.map((line) => ({ ...line })),
      },
      cause,
    );
  }
  return buildEvent(
    'StockReserved',
    {
      orderId: reservation.orderId,
      customerId: reservation.customerId,
      lines: stockLines(reservation),
      amount: reservation.amount,
      currency: reservation.currency,
      paymentToken: reservation.paymentToken,
      // Records from before content hashes existed are re-derived with the hash of what they hold.
      orderHash: reservation.orderHash ?? '0'.repeat(64),
    },
    cause,
  );
}

/**
 * The StockReleased of a reservation released because its payment failed, derived from the
 * record alone; none otherwise (a release that compensates a cancelled order tells nobody: the
 * order is already CANCELLED).
 */
export function releaseEvent(reservation: Reservation): OutgoingEvent | undefined {
  const releasedBy = reservation.releasedBy;
  if (reservation.status !== 'RELEASED' || !releasedBy?.paymentFailureReason) return undefined;
  if ((releasedBy.cause ?? 'PAYMENT_FAILED') !== 'PAYMENT_FAILED') return undefined;
  return buildEvent(
    'StockReleased',
    {
      orderId: reservation.orderId,
      customerId: reservation.customerId,
      lines: stockLines(reservation),
      reason: 'PAYMENT_FAILED',
      paymentFailureReason: releasedBy.paymentFailureReason,
    },
    { causationId: releasedBy.eventId, correlationId: reservation.orderId, occurredAt: new Date(releasedBy.decidedAt) },
  );
}

function stockLines(reservation: Reservation): { sku: string; quantity: number }[] {
  return reservation.lines.map(({ sku, quantity }) => ({ sku, quantity }));
}
