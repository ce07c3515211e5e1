import type { EventData } from '../../lib/contracts';
import type { SagaEventOf } from '../shared/saga-message';
import { ConcurrentUpdateError, MissingRecordError } from '../shared/store-errors';
import type { UseCaseResult } from '../shared/use-case';
import {
  assessShortfall,
  decideRelease,
  failedReservation,
  plannedReservation,
  releaseEvent,
  reservationOutcomeEvent,
  type Reservation,
} from './domain';
import type { InventoryStore } from './store';

/** The events the inventory service consumes. */
export const INVENTORY_CONSUMES = ['OrderPlaced', 'PaymentFailed'] as const;
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
  }
}

/**
 * Reserves every line of the order or none. The reservation record, keyed by order id, is the
 * guard: once it exists (RESERVED or FAILED), any later delivery of any OrderPlaced for that
 * order only re-derives the event it led to.
 */
export async function reserveStock(
  store: InventoryStore,
  order: EventData<'OrderPlaced'>,
  eventId: string,
  now: Date,
): Promise<UseCaseResult> {
  const existing = await store.getReservation(order.orderId);
  if (existing) return alreadyReserved(existing);

  const planned = plannedReservation(order, { eventId, decidedAt: now.toISOString() });
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const result = await store.reserve(planned);
    if (result.kind === 'reserved') return { outcome: 'applied', events: [reservationOutcomeEvent(planned)] };
    if (result.kind === 'exists') return alreadyReserved(await reservationOf(store, order.orderId));
    if (result.kind === 'conflict') continue;

    const shortfall = assessShortfall(planned.lines, await store.readStock(planned.lines.map((line) => line.sku)));
    if (!shortfall) continue; // stock came back between the refusal and the read: try again
    const failed = failedReservation(planned, shortfall);
    if (await store.recordUnreserved(failed)) return { outcome: 'applied', events: [reservationOutcomeEvent(failed)] };
    return alreadyReserved(await reservationOf(store, order.orderId));
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
    const decision = decideRelease(reservation, { eventId, reason: payment.reason }, now.toISOString());
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

function alreadyReserved(reservation: Reservation): UseCaseResult {
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
