import type { TraceEvent } from '../../lib/local/trace';
import { buildTimeline, eventsOfVariant } from '../../lib/saga/timeline';

const put = (seq: number, at: number, bus: string, appEventId: string, caller = 'choreo-storefront') =>
  ({
    kind: 'event.put',
    seq,
    at,
    bus,
    eventId: `eb-${seq}`,
    appEventId,
    source: 'shop.storefront',
    detailType: 'OrderPlaced',
    caller,
    correlationId: 'ord-1',
  }) as TraceEvent;
/** An invocation.started or invocation.ended record of `functionName`'s one invocation. */
const invocation = (seq: number, at: number, functionName: string) => ({
  seq,
  at,
  functionName,
  requestId: `r-${functionName}`,
  coldStart: false,
});
const started = (seq: number, at: number, functionName: string) =>
  ({
    ...invocation(seq, at, functionName),
    kind: 'invocation.started',
    trigger: 'sqs:q',
    correlationIds: ['ord-1'],
  }) as TraceEvent;
const ended = (seq: number, at: number, functionName: string) =>
  ({
    ...invocation(seq, at, functionName),
    kind: 'invocation.ended',
    durationMs: at - 10,
    outcome: 'success',
  }) as TraceEvent;

describe('order timelines', () => {
  it('places an invocation at its start, before the events it published', () => {
    const trace = [
      put(1, 0, 'shop-choreography', 'e-1'),
      started(2, 10, 'shop-choreography-inventory'),
      {
        ...put(3, 30, 'shop-choreography', 'e-2', 'shop-choreography-inventory'),
        detailType: 'StockReserved',
      } as TraceEvent,
      ended(4, 40, 'shop-choreography-inventory'),
    ];

    const entries = buildTimeline(trace);

    expect(entries.map((entry) => [entry.offsetMs, entry.step])).toEqual([
      [0, 'publish'],
      [10, 'invoke'],
      [30, 'publish'],
    ]);
  });

  it('labels a second publish of the same event id as a duplicate', () => {
    const entries = buildTimeline([put(1, 0, 'shop-choreography', 'e-1'), put(2, 5, 'shop-choreography', 'e-1')]);

    expect(entries.map((entry) => entry.step)).toEqual(['publish', 'publish again']);
    expect(entries[1]?.description).toContain('duplicate of event e-1');
  });

  it('keeps only the records of one variant, though both variants use the same order ids', () => {
    const trace = [
      put(1, 0, 'shop-choreography', 'e-1'),
      put(2, 0, 'shop-orchestration', 'e-1'),
      started(3, 1, 'shop-orchestration-orders'),
    ];

    expect(eventsOfVariant(trace, 'orchestration').map((event) => event.seq)).toEqual([2, 3]);
    expect(eventsOfVariant(trace, 'choreography').map((event) => event.seq)).toEqual([1]);
  });
});
