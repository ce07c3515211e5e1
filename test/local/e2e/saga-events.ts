import { PutEventsCommand, type EventBridgeClient, type PutEventsResponse } from '@aws-sdk/client-eventbridge';
import { busName, contractFor, type DetailType, type EventData } from '../../../lib/contracts';
import { buildOrderPlaced, type OutgoingEvent } from '../../../functions/shared/event-builder';
import { VARIANT } from './saga-cloud';

/** The PutEvents entry of a saga event on the variant's bus, under its contract's source. */
export function putEventsEntry(event: OutgoingEvent) {
  return {
    EventBusName: busName(VARIANT),
    Source: contractFor(event.detailType).source,
    DetailType: event.detailType,
    Detail: JSON.stringify(event.detail),
  };
}

/**
 * Publishes saga events with one PutEvents call of the stock SDK and fails the test unless
 * EventBridge accepted every entry.
 */
export async function putSagaEvents(
  eventBridge: EventBridgeClient,
  events: readonly OutgoingEvent[],
): Promise<PutEventsResponse> {
  const response = await eventBridge.send(new PutEventsCommand({ Entries: events.map(putEventsEntry) }));
  if (response.FailedEntryCount) {
    throw new Error(`put-events refused ${response.FailedEntryCount} entr(ies): ${JSON.stringify(response.Entries)}`);
  }
  return response;
}

/** Places an order as the storefront does: one OrderPlaced, returned so it can be sent again. */
export async function placeOrder(
  eventBridge: EventBridgeClient,
  order: EventData<'OrderPlaced'>,
): Promise<OutgoingEvent<'OrderPlaced'>> {
  const event = buildOrderPlaced(order);
  await putSagaEvents(eventBridge, [event]);
  return event;
}

/** The data of a fixture, checked against its contract so a broken fixture fails loudly. */
export function contractData<T extends DetailType>(detailType: T, fixture: unknown): EventData<T> {
  return contractFor(detailType).dataSchema.parse(fixture) as EventData<T>;
}
