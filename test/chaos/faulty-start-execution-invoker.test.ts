import envelope from '../fixtures/chaos/stock-reserved-envelope.json';
import type { EventEnvelope, TargetInvocation, TargetInvoker } from '../../lib/local/eventbridge';
import { STATE_MACHINE_ARN, testInjector } from './chaos-builders';

/** A `states` target invoker that records the orders whose executions it started. */
function recordingStarts(): TargetInvoker & { started: string[] } {
  const started: string[] = [];
  return {
    service: 'states',
    started,
    async invoke(invocation) {
      started.push(
        (JSON.parse(invocation.input) as { detail: { metadata: { correlationId: string } } }).detail.metadata
          .correlationId,
      );
    },
  };
}

/** EventBridge delivering an OrderPlaced of `orderId` to the saga's state machine. */
function startFor(orderId: string): TargetInvocation {
  const detail = {
    ...envelope.detail,
    metadata: { ...envelope.detail.metadata, eventId: `evt-${orderId}`, correlationId: orderId },
  };
  return {
    targetArn: STATE_MACHINE_ARN,
    input: JSON.stringify({ ...envelope, detail }),
    event: { ...envelope, detail } as unknown as EventEnvelope,
    rule: {
      name: 'order-placed',
      arn: 'arn:aws:events:us-east-1:000000000000:rule/shop-orchestration/order-placed',
      eventBusName: 'shop-orchestration',
    },
    target: { Id: 'saga', Arn: STATE_MACHINE_ARN },
    attempt: 1,
  };
}

describe('faulty execution starts', () => {
  it('holds an execution start back for a delay within the plan', async () => {
    // Prepare
    const { injector, clock, trace } = testInjector({ 'delayed-delivery': 1 }, { delayMs: [1_000, 5_000] });
    const inner = recordingStarts();
    // Act
    const delivery = injector.wrapTargetInvoker(inner).invoke(startFor('ord-1'));
    await clock.advance(999);
    const before = [...inner.started];
    await clock.advance(4_001);
    await delivery;
    // Assess
    expect(before).toEqual([]);
    expect(inner.started).toEqual(['ord-1']);
    expect(trace.events('fault.injected')).toEqual([
      expect.objectContaining({ fault: 'delayed-delivery', target: 'shop-orchestration-saga', correlationId: 'ord-1' }),
    ]);
  });

  it('lets the next start for the same state machine overtake a reordered one', async () => {
    // Prepare: only the start for ord-1 is reordered
    const { injector } = testInjector({});
    jest
      .spyOn(injector.decider, 'decide')
      .mockImplementation((kind, key) => kind === 'reordered-delivery' && key.includes('evt-ord-1'));
    const inner = recordingStarts();
    const invoker = injector.wrapTargetInvoker(inner);
    // Act
    const first = invoker.invoke(startFor('ord-1'));
    const second = invoker.invoke(startFor('ord-2'));
    await Promise.all([first, second]);
    // Assess
    expect(inner.started).toEqual(['ord-2', 'ord-1']);
    expect(injector.injected()['reordered-delivery']).toBe(1);
  });

  it('starts without waiting for long when no other start comes to overtake', async () => {
    const { injector, clock } = testInjector({ 'reordered-delivery': 1 }, { duplicateDelayMs: 2_000 });
    const inner = recordingStarts();
    const delivery = injector.wrapTargetInvoker(inner).invoke(startFor('ord-1'));
    await clock.advance(2_000);
    await delivery;
    expect(inner.started).toEqual(['ord-1']);
  });

  it('delivers an event a second time, a moment later, which starts a second execution for the order', async () => {
    // Prepare
    const { injector, clock } = testInjector({ 'duplicate-delivery': 1 }, { duplicateDelayMs: 2_000 });
    const inner = recordingStarts();
    // Act
    await injector.wrapTargetInvoker(inner).invoke(startFor('ord-1'));
    const pendingBefore = injector.pendingWork;
    await clock.advance(2_000);
    // Assess
    expect(pendingBefore).toBe(1);
    expect(inner.started).toEqual(['ord-1', 'ord-1']);
    expect(injector.pendingWork).toBe(0);
  });
});
