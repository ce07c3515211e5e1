import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { buildEvent, buildOrderPlaced, type OutgoingEvent } from '../../../functions/shared/event-builder';
import { EventTooLargeError, EventValidationError, PublishError } from '../../../functions/shared/publish-errors';
import { EventPublisher, putEventsEntrySize, type EventPublisherOptions } from '../../../functions/shared/publisher';
import { EVENT_CONTRACTS, deriveEventId } from '../../../lib/contracts';
import orderFixture from '../../fixtures/publisher/order-placed-data.json';
import { acceptEveryPutEvents } from '../../support/accept-every-put-events';
import { EVENT_DOCUMENTATION } from '../../../lib/contracts/event-documentation';

const BUS = 'shop-choreography';
const OCCURRED_AT = new Date('2026-11-28T12:00:00.000Z');
const eventBridge = mockClient(EventBridgeClient);

function order(orderId: string): OutgoingEvent<'OrderPlaced'> {
  return buildOrderPlaced({ ...orderFixture, orderId }, OCCURRED_AT);
}

function orders(count: number): OutgoingEvent<'OrderPlaced'>[] {
  return Array.from({ length: count }, (_, index) => order(`ord-${String(index).padStart(4, '0')}`));
}

function publisher(options: Partial<EventPublisherOptions> = {}) {
  const sleeps: number[] = [];
  const instance = new EventPublisher({
    client: new EventBridgeClient({ region: 'us-east-1' }),
    eventBusName: BUS,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { publisher: instance, sleeps };
}

function sentEntries(call: number): PutEventsRequestEntry[] {
  return eventBridge.commandCalls(PutEventsCommand)[call]?.args[0].input.Entries ?? [];
}

beforeEach(() => {
  eventBridge.reset();
});

describe('EventPublisher', () => {
  it('sends a valid event to the bus under its contract source and returns both ids', async () => {
    // GIVEN an accepting bus
    acceptEveryPutEvents(eventBridge);
    const event = order('ord-1');
    // WHEN the event is published
    const result = await publisher().publisher.publish([event]);
    // THEN it went out once, as the contract says, with the detail as JSON
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
    const [entry] = sentEntries(0);
    expect(entry).toEqual({
      EventBusName: BUS,
      Source: 'shop.storefront',
      DetailType: 'OrderPlaced',
      Detail: JSON.stringify(event.detail),
    });
    expect(result).toEqual([
      { detailType: 'OrderPlaced', eventId: event.detail.metadata.eventId, eventBridgeId: 'eb-1-0' },
    ]);
  });

  it('publishes nothing and returns nothing for an empty batch', async () => {
    acceptEveryPutEvents(eventBridge);
    await expect(publisher().publisher.publish([])).resolves.toEqual([]);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
  });

  it('splits 25 events into requests of 10, 10 and 5 and returns them in input order', async () => {
    acceptEveryPutEvents(eventBridge);
    const events = orders(25);

    const result = await publisher().publisher.publish(events);

    expect(eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.length)).toEqual([
      10, 10, 5,
    ]);
    expect(result.map((entry) => entry.eventId)).toEqual(events.map((event) => event.detail.metadata.eventId));
    expect(result[24]?.eventBridgeId).toBe('eb-3-4');
  });

  it('splits by size when the next entry would take a request over the byte limit', async () => {
    // GIVEN entries of equal size and a limit that fits two and a half of them
    acceptEveryPutEvents(eventBridge);
    const events = orders(5);
    const size = putEventsEntrySize({
      Source: 'shop.storefront',
      DetailType: 'OrderPlaced',
      Detail: JSON.stringify(events[0]?.detail),
    });
    const { publisher: sizeLimited } = publisher({ maxRequestBytes: Math.floor(size * 2.5) });
    // WHEN they are published
    await sizeLimited.publish(events);
    // THEN each request holds at most two
    expect(eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.length)).toEqual([
      2, 2, 1,
    ]);
  });

  it('counts entry size as EventBridge does: UTF-8 bytes, 14 for Time, each resource', () => {
    const size = putEventsEntrySize({
      Time: new Date(),
      Source: 'shop.orders',
      DetailType: 'OrderCancelled',
      Detail: '{"detail":"déjà"}',
      Resources: ['arn:a', 'arn:bc'],
      EventBusName: 'not counted',
    });
    expect(size).toBe(14 + 11 + 14 + 19 + 5 + 6);
  });

  it('retries only the entries EventBridge rejected', async () => {
    // GIVEN a bus that throttles the second of three entries once
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [
          { EventId: 'eb-a' },
          { ErrorCode: 'ThrottlingException', ErrorMessage: 'rate exceeded' },
          { EventId: 'eb-c' },
        ],
      })
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: 'eb-b' }] });
    const events = orders(3);
    // WHEN the three are published
    const result = await publisher().publisher.publish(events);
    // THEN the retry carries the throttled entry alone, and every entry gets its id
    expect(sentEntries(1)).toEqual([sentEntries(0)[1]]);
    expect(result.map((entry) => entry.eventBridgeId)).toEqual(['eb-a', 'eb-b', 'eb-c']);
  });

  it('sleeps longer before each retry, jittered and capped', async () => {
    // GIVEN a bus that always fails the entry and a random source that varies
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }] });
    const growing = publisher({ random: () => 0.5, maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000 });
    const randoms = [0.1, 0.75, 0.1];
    const jittered = publisher({
      random: () => randoms.shift() ?? 0,
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 10_000,
    });
    const capped = publisher({ random: () => 0.999, maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250 });
    // WHEN each gives up
    await expect(growing.publisher.publish(orders(1))).rejects.toBeInstanceOf(PublishError);
    await expect(jittered.publisher.publish(orders(1))).rejects.toBeInstanceOf(PublishError);
    await expect(capped.publisher.publish(orders(1))).rejects.toBeInstanceOf(PublishError);
    // THEN sleeps are random fractions of 100, 200, 400 (full jitter), and never above the cap
    expect(growing.sleeps).toEqual([50, 100, 200]);
    expect(jittered.sleeps).toEqual([10, 150, 40]);
    expect(capped.sleeps).toEqual([99, 199, 249]);
  });

  it('gives up after the last attempt with an error naming each entry still failed', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => ({
      FailedEntryCount: input.Entries.length,
      Entries: input.Entries.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'try later' })),
    }));
    const events = orders(2);

    const error = await publisher({ maxAttempts: 3 })
      .publisher.publish(events)
      .catch((caught: unknown) => caught);

    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 3);
    expect(error).toBeInstanceOf(PublishError);
    const publishError = error as PublishError;
    expect(publishError.retryable).toBe(true);
    expect(publishError.attempts).toBe(3);
    expect(publishError.failed).toEqual(
      events.map((event) => ({
        detailType: 'OrderPlaced',
        eventId: event.detail.metadata.eventId,
        errorCode: 'InternalFailure',
        errorMessage: 'try later',
      })),
    );
    expect(publishError.message).toContain(events[1]?.detail.metadata.eventId);
  });

  it('does not retry an entry EventBridge will always refuse, and says retrying cannot help', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'not authorized for source' }],
    });

    const error = (await publisher()
      .publisher.publish(orders(1))
      .catch((caught: unknown) => caught)) as PublishError;

    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
    expect(error.failed[0]?.errorCode).toBe('NotAuthorizedForSourceException');
    expect(error.retryable).toBe(false);
  });

  it('sends nothing when one detail of the batch does not match its contract', async () => {
    // GIVEN a batch whose second order has no lines
    acceptEveryPutEvents(eventBridge);
    const events = orders(3);
    const invalid = buildOrderPlaced({ ...orderFixture, orderId: 'ord-bad', lines: [] }, OCCURRED_AT);
    // WHEN it is published
    const error = await publisher()
      .publisher.publish([events[0]!, invalid, events[2]!])
      .catch((caught: unknown) => caught);
    // THEN the error names the entry and the schema's reason, and nothing went out
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).retryable).toBe(false);
    expect((error as EventValidationError).message).toBe(
      "event 1 ('OrderPlaced') does not match its contract: data.lines: an order has at least one line",
    );
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
  });

  it('rejects an unknown detail type before sending anything', async () => {
    acceptEveryPutEvents(eventBridge);
    const bogus = { detailType: 'OrderTeleported', detail: order('ord-1').detail } as unknown as OutgoingEvent;

    await expect(publisher().publisher.publish([bogus])).rejects.toThrow("unknown detail type 'OrderTeleported'");
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
  });

  it('sends nothing when one entry alone is over the byte limit', async () => {
    acceptEveryPutEvents(eventBridge);
    const events = orders(3);

    const error = await publisher({ maxRequestBytes: 300 })
      .publisher.publish(events)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(EventTooLargeError);
    expect((error as EventTooLargeError).retryable).toBe(false);
    expect((error as EventTooLargeError).index).toBe(0);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
  });

  it('reports a failed request as a retryable PublishError with its cause and the entries not sent', async () => {
    // GIVEN a bus that takes the first request and then is unreachable
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' });
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 0, Entries: Array.from({ length: 10 }, (_, i) => ({ EventId: `eb-${i}` })) })
      .rejects(refused);
    // WHEN 25 events are published
    const error = (await publisher()
      .publisher.publish(orders(25))
      .catch((caught: unknown) => caught)) as PublishError;
    // THEN the second request is not repeated, and the error lists the 15 unpublished entries
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 2);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(refused);
    expect(error.failed.map((entry) => entry.errorCode)).toEqual([
      ...Array(10).fill('ECONNREFUSED'),
      ...Array(5).fill('NotSent'),
    ]);
  });
});

describe('event builder', () => {
  it('derives the event id from the cause and type, so a redelivered cause republishes the same id', () => {
    const data = EVENT_DOCUMENTATION.StockReserved.exampleData;
    const cause = { causationId: 'c0ffee00-0000-4000-8000-000000000000', correlationId: data.orderId };

    const first = buildEvent('StockReserved', data, { ...cause, occurredAt: new Date('2026-01-01T00:00:00Z') });
    const again = buildEvent('StockReserved', data, { ...cause, occurredAt: new Date('2026-01-02T00:00:00Z') });

    expect(again.detail.metadata.eventId).toBe(first.detail.metadata.eventId);
    expect(first.detail.metadata).toEqual({
      eventId: deriveEventId(cause.causationId, 'StockReserved'),
      correlationId: 'ord-1001',
      causationId: cause.causationId,
      occurredAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: EVENT_CONTRACTS.StockReserved.version,
    });
    expect(
      buildEvent('StockReservationFailed', EVENT_DOCUMENTATION.StockReservationFailed.exampleData, cause).detail
        .metadata.eventId,
    ).not.toBe(first.detail.metadata.eventId);
  });

  it('gives a resent storefront order the same event id, caused by storefront:<orderId>', () => {
    const placed = order('ord-42');

    expect(order('ord-42').detail.metadata.eventId).toBe(placed.detail.metadata.eventId);
    expect(placed.detail.metadata.causationId).toBe('storefront:ord-42');
    expect(placed.detail.metadata.correlationId).toBe('ord-42');
    expect(EVENT_CONTRACTS.OrderPlaced.detailSchema.safeParse(placed.detail).success).toBe(true);
  });
});
