import type * as z from 'zod/mini';
import type { EventContract } from './define-event';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderPlaced,
  OrderStalled,
  PaymentCompleted,
  PaymentFailed,
  ShipmentScheduled,
  StockReleased,
  StockReservationFailed,
  StockReserved,
} from './events';
import type { ServiceName } from './sources';

/** Every event of the saga, by detail type. */
export const EVENT_CONTRACTS = {
  OrderPlaced,
  StockReserved,
  StockReservationFailed,
  PaymentCompleted,
  PaymentFailed,
  StockReleased,
  ShipmentScheduled,
  OrderStalled,
  OrderConfirmed,
  OrderCancelled,
} as const;

export type EventContracts = typeof EVENT_CONTRACTS;
export type DetailType = keyof EventContracts;
export const DETAIL_TYPES = Object.keys(EVENT_CONTRACTS) as DetailType[];

/** The `data` of an event, as its contract's schema outputs it. */
export type EventData<T extends DetailType> = z.output<EventContracts[T]['dataSchema']>;
/** The whole detail (`metadata` + `data`) of an event. */
export type EventDetail<T extends DetailType> = z.output<EventContracts[T]['detailSchema']>;

/** A parsed saga event: its detail type with its typed detail. */
export type SagaEvent = { [T in DetailType]: { detailType: T; detail: EventDetail<T> } }[DetailType];

export function isDetailType(value: unknown): value is DetailType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_CONTRACTS, value);
}

export function contractFor<T extends DetailType>(detailType: T): EventContracts[T] {
  return EVENT_CONTRACTS[detailType];
}

/** The contracts a service consumes, read from each contract's `consumers`. */
export function subscriptionsOf(service: ServiceName): EventContract[] {
  return Object.values(EVENT_CONTRACTS).filter((contract) =>
    (contract.consumers as readonly string[]).includes(service),
  );
}

/** The contracts a service publishes. */
export function publicationsOf(service: ServiceName): EventContract[] {
  return Object.values(EVENT_CONTRACTS).filter((contract) => contract.producer === service);
}
