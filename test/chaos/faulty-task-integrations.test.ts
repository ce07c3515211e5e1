import { lambdaTaskError } from '../../lib/local/stepfunctions/lambda-task';
import {
  putEventsEntry,
  recordingIntegrations,
  settledAroundTimeout,
  taskInvokeContext,
  taskPayload,
  taskPutEventsContext,
  testInjector,
} from './chaos-builders';

/** The error name the Task fails with (what Retry matches), for what the integration threw. */
function taskErrorOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'no error',
    (error: unknown) => lambdaTaskError(error).name,
  );
}

/** The RecordOrder Task invoking orders-fn through the injector's faulty integrations. */
function recordOrderTask(
  injector: ReturnType<typeof testInjector>['injector'],
  integrations: ReturnType<typeof recordingIntegrations>['integrations'],
): Promise<unknown> {
  return injector
    .wrapTaskIntegrations(integrations)
    .invokeFunction('orders-fn', taskPayload(), taskInvokeContext('RecordOrder'));
}

describe('faulty task integrations', () => {
  it('fails a Lambda Task before its function runs, as Lambda.ServiceException', async () => {
    // Prepare
    const { injector, trace } = testInjector({ 'error-before-side-effects': 1 });
    const { calls, integrations } = recordingIntegrations();
    // Act
    const error = await taskErrorOf(recordOrderTask(injector, integrations));
    // Assess
    expect(error).toBe('Lambda.ServiceException');
    expect(calls.invoked).toHaveLength(0);
    expect(trace.events('fault.injected')).toEqual([
      expect.objectContaining({ fault: 'error-before-side-effects', target: 'orders-fn', correlationId: 'ord-7-001' }),
    ]);
  });

  it("fails a Lambda Task after its function ran, with the task adapters' transient error", async () => {
    const { injector } = testInjector({ 'error-after-side-effects': 1 });
    const { calls, integrations } = recordingIntegrations();
    const error = await taskErrorOf(recordOrderTask(injector, integrations));
    expect(error).toBe('TransientTaskError');
    expect(calls.invoked).toHaveLength(1);
  });

  it("times a Task's function out only once its timeout has passed in AWS time", async () => {
    // Prepare
    const { injector, clock } = testInjector({ 'function-timeout': 1 });
    const { calls, integrations } = recordingIntegrations();
    // Act
    const { justBefore, after } = await settledAroundTimeout(
      clock,
      taskErrorOf(recordOrderTask(injector, integrations)),
      20_000,
    );
    // Assess
    expect(justBefore).toBeUndefined();
    expect(after).toBe('Sandbox.Timedout');
    expect(calls.invoked).toHaveLength(1);
  });

  it('spares the last attempts of a Task, so its Retry absorbs every injected failure', async () => {
    // Prepare: 6 attempts, 2 spare → at most 4 injected failures per execution and state
    const { injector } = testInjector({ 'error-before-side-effects': 1 });
    const invoke = injector.wrapTaskIntegrations(recordingIntegrations().integrations).invokeFunction;
    // Act
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= 6; attempt++)
      outcomes.push(await taskErrorOf(invoke('orders-fn', taskPayload(), taskInvokeContext('RecordOrder'))));
    const otherExecution = await taskErrorOf(
      invoke('orders-fn', taskPayload(), taskInvokeContext('RecordOrder', 'ord-7-001', 'exec-2')),
    );
    // Assess
    expect(outcomes).toEqual([...Array(4).fill('Lambda.ServiceException'), 'no error', 'no error']);
    expect(otherExecution).toBe('Lambda.ServiceException');
  });

  it("invokes a Task's function a second time, a moment later, without the Task waiting for it", async () => {
    // Prepare
    const { injector, clock } = testInjector({ 'duplicate-delivery': 1 }, { duplicateDelayMs: 2_000 });
    const { calls, integrations } = recordingIntegrations();
    // Act
    const result = await injector
      .wrapTaskIntegrations(integrations)
      .invokeFunction('payments-fn', taskPayload(), taskInvokeContext('ProcessPayment'));
    const pendingBefore = injector.pendingWork;
    await clock.advance(2_000);
    // Assess
    expect(result).toEqual({ outcome: 'applied' });
    expect(pendingBefore).toBe(1);
    expect(calls.invoked).toEqual([taskPayload(), taskPayload()]);
    expect(injector.pendingWork).toBe(0);
  });

  it('leaves asynchronous invocations alone', async () => {
    const { injector } = testInjector({ 'error-before-side-effects': 1, 'duplicate-delivery': 1 });
    const { calls, integrations } = recordingIntegrations();
    await injector
      .wrapTaskIntegrations(integrations)
      .invokeFunction('orders-fn', taskPayload(), { ...taskInvokeContext('RecordOrder'), invocationType: 'Event' });
    expect(calls.invoked).toHaveLength(1);
    expect(injector.pendingWork).toBe(0);
  });

  it('throttles entries of a PutEvents Task, publishing the others, so the Task fails and is retried', async () => {
    // Prepare
    const { injector, trace } = testInjector({ 'throttled-put-events': 0.5 });
    const { calls, integrations } = recordingIntegrations();
    const entries = Array.from({ length: 10 }, (_, index) => putEventsEntry(`evt-${index}`));
    // Act
    const answer = await injector
      .wrapTaskIntegrations(integrations)
      .putEvents(entries, taskPutEventsContext('EmitOrderConfirmed'));
    // Assess
    const throttled = answer.Entries.filter((entry) => entry.ErrorCode === 'ThrottlingException').length;
    expect(throttled).toBeGreaterThan(0);
    expect(answer.FailedEntryCount).toBe(throttled);
    expect(calls.published.flat()).toHaveLength(10 - throttled);
    expect(trace.events('event.rejected')).toHaveLength(throttled);
  });

  it('fails the whole call of a PutEvents Task as EventBridge.InternalException (the dual-write gap)', async () => {
    // Prepare
    const { injector } = testInjector({ 'dual-write-gap': 1 });
    const { calls, integrations } = recordingIntegrations();
    // Act
    const failure = await Promise.resolve(
      injector
        .wrapTaskIntegrations(integrations)
        .putEvents([putEventsEntry('evt-1')], taskPutEventsContext('EmitOrderConfirmed')),
    ).catch((error: unknown) => error);
    // Assess
    expect(failure).toMatchObject({ code: 'InternalException', retryable: true });
    expect(calls.published).toHaveLength(0);
    expect(injector.injected()['dual-write-gap']).toBe(1);
  });
});
