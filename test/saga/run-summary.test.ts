import type { TraceEvent } from '../../lib/local/trace';
import { summarizeRun } from '../../lib/saga/run-summary';
import { emptySagaSnapshot } from '../support/saga-snapshot-builder';

const snapshot = emptySagaSnapshot();
const fault = (seq: number, kind: string, target: string) =>
  ({ kind: 'fault.injected', seq, at: seq, fault: kind, target, detail: 'chaos' }) as TraceEvent;

describe('run summary', () => {
  it('counts the errors and timeouts chaos injected around invocations, as the fault table does, per variant', () => {
    const trace = [
      fault(1, 'error-before-side-effects', 'shop-choreography-orders'),
      fault(2, 'error-after-side-effects', 'shop-choreography-payments'),
      fault(3, 'function-timeout', 'shop-choreography-payments'),
      fault(4, 'function-timeout', 'shop-orchestration-payments'),
      fault(5, 'duplicate-delivery', 'shop-choreography-orders'),
      {
        kind: 'invocation.ended',
        seq: 6,
        at: 6,
        functionName: 'shop-choreography-orders',
        requestId: 'r',
        coldStart: false,
        durationMs: 1,
        outcome: 'error',
      } as TraceEvent,
    ];

    const summary = summarizeRun({ variant: 'choreography', trace, snapshot, invariants: [], wallMs: 0 });

    expect(summary.invocations).toMatchObject({ errors: 3, timeouts: 1 });
  });
});
