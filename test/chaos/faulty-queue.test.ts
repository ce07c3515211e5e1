import { POLL, polledMessage, ScriptedQueue, testInjector } from './chaos-builders';

describe('faulty queue', () => {
  it('delivers a duplicate of a record in a later batch, whose delete leaves the queue alone', async () => {
    // Prepare
    const { injector, clock } = testInjector({ 'duplicate-delivery': 1 }, { duplicateDelayMs: 0 });
    const inner = new ScriptedQueue([polledMessage('ord-1')]);
    const queue = injector.wrapQueue(inner);
    // Act
    const first = await queue.receive(POLL);
    const pendingBetween = injector.pendingWork;
    await clock.advance(1);
    const second = await queue.receive(POLL);
    await queue.delete(second[0]?.receiptHandle ?? '');
    await queue.delete(first[0]?.receiptHandle ?? '');
    // Assess
    expect(first.map((message) => message.messageId)).toEqual(['msg-ord-1']);
    expect(second.map((message) => message.messageId)).toEqual(['msg-ord-1']);
    expect(second[0]?.receiptHandle).not.toBe(first[0]?.receiptHandle);
    expect(pendingBetween).toBe(1);
    expect(injector.pendingWork).toBe(0);
    expect(inner.deleted).toEqual(['rh-ord-1-1']);
  });

  it('holds a delayed record back until its delay has passed', async () => {
    // Prepare
    const { injector, clock } = testInjector({ 'delayed-delivery': 1 }, { delayMs: [5000, 5000] });
    const queue = injector.wrapQueue(new ScriptedQueue([polledMessage('ord-1')]));
    // Act
    const atOnce = await queue.receive(POLL);
    await clock.advance(4999);
    const tooEarly = await queue.receive(POLL);
    await clock.advance(1);
    const released = await queue.receive(POLL);
    // Assess
    expect(atOnce).toEqual([]);
    expect(tooEarly).toEqual([]);
    expect(released.map((message) => message.messageId)).toEqual(['msg-ord-1']);
  });

  it('ends its long poll in time for a held-back record', async () => {
    const { injector, clock } = testInjector({ 'delayed-delivery': 1 }, { delayMs: [3000, 3000] });
    const inner = new ScriptedQueue([polledMessage('ord-1')]);
    const queue = injector.wrapQueue(inner);
    await queue.receive(POLL);
    await clock.advance(1000);
    await queue.receive(POLL);
    expect(inner.waits).toEqual([20_000, 2000]);
  });

  it('shuffles a batch and traces the order it delivered', async () => {
    // Prepare
    const { injector, trace } = testInjector({ 'reordered-delivery': 1 });
    const messages = ['ord-1', 'ord-2', 'ord-3', 'ord-4'].map((orderId) => polledMessage(orderId));
    const queue = injector.wrapQueue(new ScriptedQueue([...messages]));
    // Act
    const received = await queue.receive(POLL);
    // Assess
    expect(received.map((message) => message.messageId)).not.toEqual(messages.map((message) => message.messageId));
    expect([...received].map((message) => message.messageId).sort()).toEqual(
      messages.map((message) => message.messageId).sort(),
    );
    expect(trace.events('fault.injected')[0]?.messageIds).toEqual(received.map((message) => message.messageId));
  });

  it('changes nothing when every rate is 0', async () => {
    const { injector } = testInjector({});
    const messages = ['ord-1', 'ord-2'].map((orderId) => polledMessage(orderId));
    const received = await injector.wrapQueue(new ScriptedQueue([...messages])).receive(POLL);
    expect(received).toEqual(messages);
  });
});
