import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from '../../lib/local/endpoint';
import { FaultyEventsService } from '../../lib/chaos';
import { testInjector } from './chaos-builders';

/** An EventBridge API that accepts every entry and records the entries it saw. */
class AcceptingEvents implements AwsJsonService {
  readonly seen: unknown[][] = [];
  async handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    const entries = (JSON.parse(request.body.toString('utf8')) as { Entries: unknown[] }).Entries;
    this.seen.push(entries);
    return {
      statusCode: 200,
      body: JSON.stringify({
        FailedEntryCount: 0,
        Entries: entries.map((_, index) => ({ EventId: `id-${this.seen.length}-${index}` })),
      }),
    };
  }
}

function putEvents(principal: string, eventIds: readonly string[]): AwsJsonRequest {
  const entries = eventIds.map((eventId) => ({
    EventBusName: 'shop-choreography',
    Source: 'shop.payments',
    DetailType: 'PaymentCompleted',
    Detail: JSON.stringify({
      metadata: { eventId, correlationId: 'ord-1', causationId: `cause-${eventId}` },
      data: {},
    }),
  }));
  return {
    target: 'AWSEvents.PutEvents',
    body: Buffer.from(JSON.stringify({ Entries: entries })),
    headers: {},
    caller: { accessKeyId: `LOCAL_${principal}`, principal },
  };
}

describe('faulty EventBridge service', () => {
  it('throttles entries from functions with ThrottlingException, passing the others on', async () => {
    // Prepare
    const { injector, trace } = testInjector({ 'throttled-put-events': 0.5 });
    const inner = new AcceptingEvents();
    const service = new FaultyEventsService(inner, injector);
    const eventIds = Array.from({ length: 10 }, (_, index) => `evt-${index}`);
    // Act
    const answer = JSON.parse((await service.handle(putEvents('payments-fn', eventIds))).body) as {
      FailedEntryCount: number;
      Entries: { EventId?: string; ErrorCode?: string }[];
    };
    // Assess
    const throttled = answer.Entries.filter((entry) => entry.ErrorCode === 'ThrottlingException').length;
    expect(throttled).toBeGreaterThan(0);
    expect(answer.FailedEntryCount).toBe(throttled);
    expect(answer.Entries).toHaveLength(10);
    expect(inner.seen.flat()).toHaveLength(10 - throttled);
    expect(trace.events('fault.injected')).toHaveLength(throttled);
    expect(trace.events('event.rejected')).toHaveLength(throttled);
  });

  it('fails the whole call of a function after its writes, and the SDK retries of that call too', async () => {
    // Prepare
    const { injector } = testInjector({ 'dual-write-gap': 1 }, { sdkAttemptsPerCall: 3 });
    const inner = new AcceptingEvents();
    const service = new FaultyEventsService(inner, injector);
    // Act
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++)
      statuses.push((await service.handle(putEvents('payments-fn', ['evt-1']))).statusCode);
    // Assess
    expect(statuses).toEqual([500, 500, 500]);
    expect(inner.seen).toEqual([]);
    expect(injector.injected()['dual-write-gap']).toBe(1);
  });

  it('lets the redelivery republish once the failure budget of the record is spent', async () => {
    // Prepare: maxReceiveCount 5 with 2 spare → 3 injected failures at most
    const { injector } = testInjector({ 'dual-write-gap': 1 }, { sdkAttemptsPerCall: 1 });
    const service = new FaultyEventsService(new AcceptingEvents(), injector);
    // Act
    const statuses = [];
    for (let delivery = 0; delivery < 5; delivery++)
      statuses.push((await service.handle(putEvents('payments-fn', ['evt-1']))).statusCode);
    // Assess
    expect(statuses).toEqual([500, 500, 500, 200, 200]);
  });

  it('never faults the storefront client', async () => {
    const { injector } = testInjector({ 'dual-write-gap': 1, 'throttled-put-events': 1 });
    const answer = await new FaultyEventsService(new AcceptingEvents(), injector).handle(
      putEvents('client', ['evt-1']),
    );
    expect(JSON.parse(answer.body)).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: 'id-1-0' }] });
  });
});
