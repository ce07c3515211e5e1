import traces from '../fixtures/chaos/delivery-trace.json';
import { explainDeadLetters, lostEvents } from '../../lib/saga/delivery-invariants';
import { checkSagaInvariants } from '../../lib/saga/saga-invariants';
import { emptySagaSnapshot } from '../support/saga-snapshot-builder';
import type { TraceEvent } from '../../lib/local/trace';

const trace = (name: keyof typeof traces) => traces[name] as unknown as TraceEvent[];

describe('no event lost', () => {
  it('holds when every match reached its target or the target DLQ', () => {
    expect(lostEvents(trace('delivered'))).toEqual([]);
  });

  it('names the order whose event never reached a target', () => {
    expect(lostEvents(trace('lostAtInventory'))).toEqual([
      'ord-2: OrderPlaced e-2 matched rule to-inventory but never reached target q',
    ]);
  });

  it('counts an event dropped without a DLQ as lost', () => {
    expect(lostEvents(trace('droppedWithoutDlq'))).toEqual([
      'ord-3: event e-3 dropped by rule to-orders (no DLQ): retries ran out',
    ]);
  });

  it('checks every target the app model lists, even one the trace never names', () => {
    expect(lostEvents(trace('delivered'), { 'to-orders': ['q', 'audit'], 'to-inventory': ['q'] })).toEqual([
      'ord-1: OrderPlaced e-1 matched rule to-orders but never reached target audit',
    ]);
  });
});

describe('dead letters explained', () => {
  const body = (orderId: string) => JSON.stringify({ detail: { metadata: { correlationId: orderId } } });

  it('explains a record whose retries ran out by the last error before it moved', () => {
    // Prepare
    const snapshot = {
      trace: trace('retriesRanOut'),
      deadLetters: [
        { queue: 'orders-dlq', messageId: 'm-1', body: body('ord-4'), reason: 'retries ran out after 2 receives' },
      ],
    };
    // Act
    const [explained] = explainDeadLetters(snapshot);
    // Assess
    expect(explained).toEqual({
      queue: 'orders-dlq',
      messageId: 'm-1',
      orderId: 'ord-4',
      cause: 'retries',
      explanation: 'error-before-side-effects (a batch of 1 failed before the handler ran)',
    });
  });

  it('names the order of a dead letter with no reason and no error in the trace', () => {
    // Prepare
    const snapshot = emptySagaSnapshot({
      trace: trace('retriesRanOut'),
      deadLetters: [
        { queue: 'orders-dlq', messageId: 'm-2', body: body('ord-5'), reason: 'retries ran out after 2 receives' },
        {
          queue: 'orders-dlq',
          messageId: 'm-3',
          body: body('ord-6'),
          reason: "'OrderPlaced' detail does not match its contract: data: required",
        },
        { queue: 'orders-dlq', messageId: 'm-4', body: body('ord-7') },
      ],
    });
    // Act
    const result = checkSagaInvariants(snapshot).find((invariant) => invariant.name === 'dead letters explained');
    // Assess
    expect(result?.violations).toEqual([
      'ord-5: message m-2 in orders-dlq ran out of retries with no error in the trace',
      'ord-7: message m-4 in orders-dlq carries no reason',
    ]);
  });

  it('are not checked when the snapshot has no trace', () => {
    const snapshot = emptySagaSnapshot();
    expect(checkSagaInvariants(snapshot).map((invariant) => invariant.name)).not.toContain('no event lost');
  });
});
