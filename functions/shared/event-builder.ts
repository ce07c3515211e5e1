import { contractFor, deriveEventId, type DetailType, type EventData, type EventDetail } from '../../lib/contracts';

/** An event ready for the {@link EventPublisher}: its detail type and whole detail. */
export interface OutgoingEvent<T extends DetailType = DetailType> {
  readonly detailType: T;
  readonly detail: EventDetail<T>;
}

/** What caused an event: the metadata a new event inherits from it. */
export interface EventCause {
  /** The `eventId` of the causing event (or a client request id); the new event id derives from it. */
  readonly causationId: string;
  /** The order id every event of one saga shares. */
  readonly correlationId: string;
  /** @default - now */
  readonly occurredAt?: Date;
}

/**
 * Builds an event's detail `{ metadata, data }`. `metadata.eventId` is
 * `deriveEventId(causationId, detailType)`, so handling the same cause twice yields the same event
 * id, which consumers deduplicate on; `schemaVersion` is the contract's version.
 *
 * The data is not validated here: the publisher validates every detail before sending.
 *
 * @example
 * buildEvent('StockReserved', data, { causationId: incoming.metadata.eventId, correlationId: data.orderId })
 */
export function buildEvent<T extends DetailType>(
  detailType: T,
  data: EventData<T>,
  cause: EventCause,
): OutgoingEvent<T> {
  const metadata = {
    eventId: deriveEventId(cause.causationId, detailType),
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    occurredAt: (cause.occurredAt ?? new Date()).toISOString(),
    schemaVersion: contractFor(detailType).version,
  };
  // The cast bridges the generic: TypeScript cannot see that `{ metadata, data: EventData<T> }` is
  // `EventDetail<T>` for every T of the union.
  return { detailType, detail: { metadata, data } as unknown as EventDetail<T> };
}

/** The causation id of an order placed by the storefront: one per order, so a resent order keeps its event id. */
export function storefrontCausationId(orderId: string): string {
  return `storefront:${orderId}`;
}

/**
 * Builds the `OrderPlaced` a client sends to start the saga. Its causation id is
 * `storefront:<orderId>`, so publishing the same order again yields the same event id and
 * starts no second saga.
 */
export function buildOrderPlaced(data: EventData<'OrderPlaced'>, occurredAt?: Date): OutgoingEvent<'OrderPlaced'> {
  return buildEvent('OrderPlaced', data, {
    causationId: storefrontCausationId(data.orderId),
    correlationId: data.orderId,
    occurredAt,
  });
}
