import type { SagaEventOf } from '../shared/saga-message';
import { orderContentHash, type EventData } from '../../lib/contracts';
import { ConflictingOrderError } from '../shared/conflicting-order-error';
import { ConcurrentUpdateError, MissingRecordError } from '../shared/store-errors';
import type { UseCaseResult } from '../shared/use-case';
import {
  assessShortfall,
  conflictsWith,
  decideRelease,
  failedReservation,
  plannedReservation,
  releaseEvent,
  reservationOutcomeEvent,
  voidedReservation,
  type Reservation,
} from './domain';
import type { InventoryStore } from './store';

/** The events the inventory service consumes. */
export const INVENTORY_CONSUMES = ['OrderPlaced', 'PaymentFailed', 'OrderCancelled'] as const;
export type InventoryEvent = SagaEventOf<(typeof INVENTORY_CONSUMES)[number]>;

/** Races (a concurrent transaction, stock changing between refusal and re-read) are retried this often. */
const MAX_ATTEMPTS = 5;

/** Reserves stock for an `OrderPlaced` or releases it for a `PaymentFailed`. */
export function handleInventoryEvent(store: InventoryStore, event: InventoryEvent, now: Date): Promise<UseCaseResult> {
  switch (event.detailType) {
    case 'OrderPlaced':
      return reserveStock(store, event.detail.data, event.detail.metadata.eventId, now);
    case 'PaymentFailed':
      return releaseStock(store, event.detail.data, event.detail.metadata.eventId, now);
    case 'OrderCancelled':
      return releaseForCancelledOrder(store, event.detail.data, event.detail.metadata.eventId, now);
  }
}

/**
 * Reserves every line of the order or none. The reservation record, keyed by order id, is the
 * guard: once it exists (RESERVED or FAILED), any later delivery of any OrderPlaced for that
 * order only re-derives the event it led to. Nothing is read first: a refused transaction
 * returns the record it found.
 */
export async function reserveStock(
  store: InventoryStore,
  order: EventData<'OrderPlaced'>,
  eventId: string,
  now: Date,
): Promise<UseCaseResult> {
  const planned = plannedReservation(order, { eventId, decidedAt: now.toISOString() });
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const result = await store.reserve(planned);
    if (result.kind === 'reserved') return { outcome: 'applied', events: [reservationOutcomeEvent(planned)] };
    if (result.kind === 'exists') return orderAlreadyRecorded(store, result.existing, order);
    if (result.kind === 'conflict') continue;

    const shortfall = assessShortfall(planned.lines, await store.readStock(planned.lines.map((line) => line.sku)));
    if (!shortfall) continue; // stock came back between the refusal and the read: try again
    const failed = failedReservation(planned, shortfall);
    const recorded = await store.recordUnreserved(failed);
    if (recorded.written) return { outcome: 'applied', events: [reservationOutcomeEvent(failed)] };
    return orderAlreadyRecorded(store, recorded.existing, order);
  }
  throw new ConcurrentUpdateError(`RESERVATION#${order.orderId}`, MAX_ATTEMPTS);
}

/**
 * Gives back the stock of a reservation whose payment failed, exactly once: the transaction is
 * conditioned on the reservation still being RESERVED.
 */
export async function releaseStock(
  store: InventoryStore,
  payment: EventData<'PaymentFailed'>,
  eventId: string,
  now: Date,
): Promise<UseCaseResult> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const reservation = await reservationOf(store, payment.orderId);
    const decision = decideRelease(
      reservation,
      { eventId, cause: 'PAYMENT_FAILED', reason: payment.reason },
      now.toISOString(),
    );
    switch (decision.kind) {
      case 'already-released':
        return { outcome: 'duplicate', events: eventsOf(releaseEvent(reservation)) };
      case 'nothing-reserved':
        return { outcome: 'ignored', events: [], note: `reservation of '${payment.orderId}' took no stock (FAILED)` };
      case 'release': {
        const result = await store.release(decision.released);
        if (result.kind === 'released')
          return { outcome: 'applied', events: eventsOf(releaseEvent(decision.released)) };
        // not-reserved: a concurrent delivery released it first; the next read says so.
      }
    }
  }
  throw new ConcurrentUpdateError(`RESERVATION#${payment.orderId}`, MAX_ATTEMPTS);
}

/**
 * Compensates a cancelled order: gives its reservation's stock back once, or, when inventory has
 * reserved nothing for it yet, records the order VOIDED so that a late OrderPlaced reserves
 * nothing. Publishes nothing: the order is already CANCELLED.
 */
export async function releaseForCancelledOrder(
  store: InventoryStore,
  cancelled: EventData<'OrderCancelled'>,
  eventId: string,
  now: Date,
): Promise<UseCaseResult> {
  const decidedAt = now.toISOString();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const reservation = await store.getReservation(cancelled.orderId);
    if (!reservation) {
      if ((await store.recordUnreserved(voidedReservation(cancelled, { eventId, decidedAt }))).written) {
        return { outcome: 'applied', events: [], note: `order '${cancelled.orderId}' voided before any reservation` };
      }
      continue; // a reservation landed meanwhile: decide again from it
    }
    const decision = decideRelease(reservation, { eventId, cause: 'ORDER_CANCELLED' }, decidedAt);
    switch (decision.kind) {
      case 'already-released':
        return { outcome: 'duplicate', events: [] };
      case 'nothing-reserved':
        return {
          outcome: 'ignored',
          events: [],
          note: `order '${cancelled.orderId}' holds no stock (${reservation.status})`,
        };
      case 'release': {
        const result = await store.release(decision.released);
        if (result.kind === 'released') return { outcome: 'applied', events: [] };
      }
    }
  }
  throw new ConcurrentUpdateError(`RESERVATION#${cancelled.orderId}`, MAX_ATTEMPTS);
}

/**
 * An OrderPlaced for an order that already has a record (the reserve transaction or the put-once
 * was refused with it).
 */
async function orderAlreadyRecorded(
  store: InventoryStore,
  existing: Reservation,
  order: EventData<'OrderPlaced'>,
): Promise<UseCaseResult> {
  if (existing.status === 'VOIDED' && !existing.orderHash) {
    // Cancelled before anything was reserved (its deadline overtook the OrderPlaced): the first
    // content seen is kept, so a second OrderPlaced with other content is still a conflict.
    await store.recordContent(order.orderId, orderContentHash(order));
    return alreadyReserved(await reservationOf(store, order.orderId), order);
  }
  return alreadyReserved(existing, order);
}

/**
 * What an OrderPlaced leads to when the order already has a record: the same outcome again for
 * the same content; a conflict for other content; nothing for an order voided by a cancellation.
 *
 * @throws ConflictingOrderError when the record was made for other content
 */
function alreadyReserved(reservation: Reservation, order?: EventData<'OrderPlaced'>): UseCaseResult {
  const conflicting = order ? conflictsWith(reservation, order) : undefined;
  if (conflicting && reservation.orderHash) {
    throw new ConflictingOrderError(reservation.orderId, reservation.orderHash, conflicting);
  }
  if (reservation.status === 'VOIDED') {
    return {
      outcome: 'ignored',
      events: [],
      note: `order '${reservation.orderId}' was cancelled before it was reserved`,
    };
  }
  return { outcome: 'duplicate', events: [reservationOutcomeEvent(reservation)] };
}

async function reservationOf(store: InventoryStore, orderId: string): Promise<Reservation> {
  const reservation = await store.getReservation(orderId);
  // PaymentFailed follows StockReserved, which is published only after the reservation is written.
  if (!reservation) throw new MissingRecordError(`RESERVATION#${orderId}`);
  return reservation;
}

function eventsOf<T>(event: T | undefined): T[] {
  return event ? [event] : [];
}
