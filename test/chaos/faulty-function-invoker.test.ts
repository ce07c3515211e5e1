import type { FunctionInvoker } from '../../lib/local/event-source-mapping';
import { settledAroundTimeout, sqsEvent, testInjector } from './chaos-builders';

/** An invoker that records its calls and succeeds. */
function recordingInvoker(): FunctionInvoker & { calls: number } {
  const invoker = {
    calls: 0,
    async invoke() {
      invoker.calls++;
      return { outcome: 'success' as const, result: { batchItemFailures: [] } };
    },
  };
  return invoker;
}

const OPTIONS = { trigger: 'sqs:orders-queue' };

describe('faulty function invoker', () => {
  it('fails a batch before the handler runs, without running it', async () => {
    // Prepare
    const { injector, trace } = testInjector({ 'error-before-side-effects': 1 });
    const inner = recordingInvoker();
    // Act
    const result = await injector.wrapInvoker(inner).invoke('orders-fn', sqsEvent(['ord-1', 'ord-2']), OPTIONS);
    // Assess
    expect(result.outcome).toBe('error');
    expect(inner.calls).toBe(0);
    expect(trace.events('fault.injected')).toEqual([
      expect.objectContaining({
        fault: 'error-before-side-effects',
        target: 'orders-fn',
        messageIds: ['msg-ord-1', 'msg-ord-2'],
      }),
    ]);
    expect(injector.injected()['error-before-side-effects']).toBe(1);
  });

  it('fails a batch after the handler ran, keeping its side effects', async () => {
    const { injector } = testInjector({ 'error-after-side-effects': 1 });
    const inner = recordingInvoker();
    const result = await injector.wrapInvoker(inner).invoke('orders-fn', sqsEvent(['ord-1']), OPTIONS);
    expect(result.outcome).toBe('error');
    expect(inner.calls).toBe(1);
  });

  it('times an invocation out only once the function timeout has passed in AWS time', async () => {
    // Prepare
    const { injector, clock } = testInjector({ 'function-timeout': 1 });
    const inner = recordingInvoker();
    // Act
    const { justBefore, after } = await settledAroundTimeout(
      clock,
      injector.wrapInvoker(inner).invoke('orders-fn', sqsEvent(['ord-1']), OPTIONS),
      20_000,
    );
    // Assess
    expect(justBefore).toBeUndefined();
    expect(after.outcome).toBe('timeout');
    expect(inner.calls).toBe(1);
  });

  it('spares the last receives of a record, so injected failures alone never dead-letter it', async () => {
    // Prepare: maxReceiveCount 5, 2 spare → receives 4 and 5 are left alone
    const { injector } = testInjector({ 'error-before-side-effects': 1 });
    const inner = recordingInvoker();
    const invoker = injector.wrapInvoker(inner);
    // Act
    const outcomes = [];
    for (let receive = 1; receive <= 5; receive++)
      outcomes.push((await invoker.invoke('orders-fn', sqsEvent(['ord-1'], receive), OPTIONS)).outcome);
    // Assess
    expect(outcomes).toEqual(['error', 'error', 'error', 'success', 'success']);
  });

  it("counts a record's injected failures against the receive budget of the queue it came from", async () => {
    // Prepare: no spare receives; the forward queue gives 5 receives, the settlement queue 100
    const settlementQueueArn = 'arn:aws:sqs:us-east-1:000000000000:orders-settlement';
    const { injector } = testInjector(
      { 'error-before-side-effects': 1 },
      { spareAttempts: 0 },
      { maxReceiveCountOf: ({ queueArn }) => (queueArn === settlementQueueArn ? 100 : 5) },
    );
    const invoker = injector.wrapInvoker(recordingInvoker());
    const fromQueue = (orderId: string, receive: number, queueArn?: string) => {
      const event = sqsEvent([orderId], receive);
      return queueArn ? { Records: event.Records.map((record) => ({ ...record, eventSourceARN: queueArn })) } : event;
    };
    // Act
    const forward = [];
    const settlement = [];
    for (let receive = 1; receive <= 6; receive++) {
      forward.push((await invoker.invoke('orders-fn', fromQueue('ord-1', receive), OPTIONS)).outcome);
      settlement.push(
        (await invoker.invoke('orders-fn', fromQueue('ord-2', receive, settlementQueueArn), OPTIONS)).outcome,
      );
    }
    // Assess: the forward record is spared after its 5 receives, the settlement record is not
    expect(forward).toEqual(['error', 'error', 'error', 'error', 'error', 'success']);
    expect(settlement).toEqual(Array(6).fill('error'));
  });

  it('passes invocations that are not SQS batches through untouched', async () => {
    const { injector } = testInjector({ 'error-before-side-effects': 1 });
    const inner = recordingInvoker();
    const result = await injector.wrapInvoker(inner).invoke('orders-fn', { orderId: 'ord-1' }, OPTIONS);
    expect(result.outcome).toBe('success');
    expect(injector.injected()['error-before-side-effects']).toBe(0);
  });
});
