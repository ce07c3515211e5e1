import { FunctionError } from '../../../lib/local/stepfunctions';
import { fixtureText, SfnHarness } from './sfn-harness';

const input = fixtureText('order-placed-input.json');

const happyFunctions = {
  'reserve-stock': () => ({ status: 'RESERVED' }),
  'process-payment': () => ({ status: 'COMPLETED' }),
  'release-stock': () => ({ released: true }),
};

describe('order saga state machine (CDK-shaped definition)', () => {
  it('confirms the order through LambdaInvoke tasks, a Wait and PutEvents', async () => {
    // Prepare
    const harness = new SfnHarness({ functions: happyFunctions });
    const arn = harness.register('order-saga', 'order-saga.asl.json');

    // Act
    const execution = harness.stepFunctions.startExecution(arn, input, { trigger: 'events:order-placed' });
    const ended = await execution.done;

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(harness.invokedNames()).toEqual(['reserve-stock', 'process-payment']);
    expect(harness.invocations[0]?.payload).toEqual(JSON.parse(input));
    expect(harness.invocations[0]?.context).toMatchObject({
      executionArn: execution.executionArn,
      stateName: 'ReserveStock',
      correlationId: 'order-0001',
    });
    expect(harness.published).toHaveLength(1);
    const [entry] = harness.published[0]?.entries ?? [];
    expect(entry).toMatchObject({
      DetailType: 'OrderConfirmed',
      Source: 'shop.orders',
      EventBusName: 'arn:aws:events:us-east-1:000000000000:event-bus/shop-orchestration',
      Resources: [arn, execution.executionArn],
    });
    expect(JSON.parse(entry?.Detail ?? '')).toEqual({ orderId: 'order-0001' });
    expect(harness.published[0]?.context.caller).toBe('states:order-saga');
    expect(JSON.parse(ended.output ?? '')).toMatchObject({
      reservation: { status: 'RESERVED' },
      payment: { status: 'COMPLETED' },
    });
  });

  it('retries a task that fails twice transiently, pausing the scaled back-off, then succeeds', async () => {
    // Prepare: TransientError retrier: IntervalSeconds 2, BackoffRate 2 → pauses of 2 s and 4 s (AWS time)
    const harness = new SfnHarness({
      timeScale: 100,
      functions: {
        ...happyFunctions,
        'reserve-stock': (_payload, call) => {
          if (call <= 2) throw new FunctionError('TransientError', `inventory table throttled (call ${call})`);
          return { status: 'RESERVED' };
        },
      },
    });
    const arn = harness.register('order-saga', 'order-saga.asl.json');
    const wallStart = performance.now();

    // Act
    const execution = harness.stepFunctions.startExecution(arn, input);
    const ended = await execution.done;

    // Assess
    const wallMs = performance.now() - wallStart;
    expect(ended.status).toBe('SUCCEEDED');
    expect(harness.invokedNames()).toEqual(['reserve-stock', 'reserve-stock', 'reserve-stock', 'process-payment']);
    const history = execution.history.events;
    const reserveScheduled = history.filter(
      (event) => event.type === 'TaskScheduled' && String(event.details?.parameters).includes('reserve-stock'),
    );
    const failed = history.filter((event) => event.type === 'TaskFailed');
    expect(failed.map((event) => event.details?.error)).toEqual(['TransientError', 'TransientError']);
    expect(JSON.parse(String(failed[0]?.details?.cause))).toMatchObject({
      errorType: 'TransientError',
      errorMessage: 'inventory table throttled (call 1)',
    });
    const [first, second, third] = reserveScheduled.map((event) => event.timestamp);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(2000);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(4000);
    // 6 s of back-off plus a 30 s Wait, at 100x: well under a second of wall time.
    expect(wallMs).toBeLessThan(5000);
  });

  it('compensates through Catch when the payment function fails with a business error', async () => {
    // Prepare
    const harness = new SfnHarness({
      functions: {
        ...happyFunctions,
        'process-payment': () => {
          throw new FunctionError('PaymentDeclinedError', 'card declined');
        },
      },
    });
    const arn = harness.register('order-saga', 'order-saga.asl.json');

    // Act
    const ended = await harness.stepFunctions.startExecution(arn, input).done;

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(harness.invokedNames()).toEqual(['reserve-stock', 'process-payment', 'release-stock']);
    expect(harness.publishedDetailTypes()).toEqual(['OrderCancelled']);
    expect(JSON.parse(harness.published[0]?.entries[0]?.Detail ?? '')).toEqual({
      orderId: 'order-0001',
      reason: 'PAYMENT_FAILED',
    });
    const output = JSON.parse(ended.output ?? '') as { error: { Error: string; Cause: string } };
    expect(output.error.Error).toBe('PaymentDeclinedError');
    expect(JSON.parse(output.error.Cause)).toMatchObject({
      errorType: 'PaymentDeclinedError',
      errorMessage: 'card declined',
    });
  });

  it('compensates through Choice when the reservation answers out of stock', async () => {
    // Prepare
    const harness = new SfnHarness({
      functions: { ...happyFunctions, 'reserve-stock': () => ({ status: 'OUT_OF_STOCK' }) },
    });
    const arn = harness.register('order-saga', 'order-saga.asl.json');

    // Act
    const ended = await harness.stepFunctions.startExecution(arn, input).done;

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(harness.invokedNames()).toEqual(['reserve-stock']);
    expect(harness.publishedDetailTypes()).toEqual(['OrderCancelled']);
    expect(JSON.parse(harness.published[0]?.entries[0]?.Detail ?? '')).toEqual({
      orderId: 'order-0001',
      reason: 'STOCK_UNAVAILABLE',
    });
  });

  it('retries PutEvents when an entry fails, as EventBridge.FailedEntry', async () => {
    // Prepare
    const harness = new SfnHarness({ functions: happyFunctions, failPutEvents: 1 });
    const arn = harness.register('order-saga', 'order-saga.asl.json');

    // Act
    const execution = harness.stepFunctions.startExecution(arn, input);
    const ended = await execution.done;

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(harness.publishedDetailTypes()).toEqual(['OrderConfirmed', 'OrderConfirmed']);
    const failed = execution.history.events.find((event) => event.type === 'TaskFailed');
    expect(failed?.details).toMatchObject({
      resourceType: 'events',
      resource: 'putEvents',
      error: 'EventBridge.FailedEntry',
    });
  });

  it('fails the execution with Lambda.ResourceNotFoundException when a function does not exist', async () => {
    // Prepare: no fake for release-stock; no retrier or catcher of ReleaseStock matches the error
    const harness = new SfnHarness({
      functions: { 'reserve-stock': () => ({ status: 'RESERVED' }), 'process-payment': () => ({ status: 'DECLINED' }) },
    });
    const arn = harness.register('order-saga', 'order-saga.asl.json');

    // Act
    const ended = await harness.stepFunctions.startExecution(arn, input).done;

    // Assess
    expect(ended.status).toBe('FAILED');
    expect(ended.error).toBe('Lambda.ResourceNotFoundException');
    expect(ended.cause).toContain("function not found: 'release-stock'");
    expect(harness.invokedNames()).toEqual(['reserve-stock', 'process-payment', 'release-stock']);
    expect(harness.published).toHaveLength(0);
  });

  it('retries an unexplained invocation failure as Lambda.ServiceException with the CDK default retrier', async () => {
    // Prepare
    const harness = new SfnHarness({
      functions: {
        ...happyFunctions,
        'process-payment': (_payload, call) => {
          if (call === 1) throw new Error('connection reset');
          return { status: 'COMPLETED' };
        },
      },
    });
    const arn = harness.register('order-saga', 'order-saga.asl.json');

    // Act
    const execution = harness.stepFunctions.startExecution(arn, input);
    const ended = await execution.done;

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(harness.invokedNames()).toEqual(['reserve-stock', 'process-payment', 'process-payment']);
    expect(execution.history.events.find((event) => event.type === 'TaskFailed')?.details).toMatchObject({
      error: 'Lambda.ServiceException',
      cause: 'connection reset',
    });
  });

  it('records the trace: execution started, every state entered, execution succeeded, by order id', async () => {
    // Prepare
    const harness = new SfnHarness({ functions: happyFunctions });
    const arn = harness.register('order-saga', 'order-saga.asl.json');

    // Act
    const execution = harness.stepFunctions.startExecution(arn, input);
    await harness.stepFunctions.whenIdle();

    // Assess
    const trace = harness.trace.forCorrelation('order-0001');
    expect(trace.map((event) => (event.kind === 'state.entered' ? event.state : event.kind))).toEqual([
      'execution.started',
      'ReserveStock',
      'StockReserved?',
      'ProcessPayment',
      'PaymentCompleted?',
      'WaitForCarrier',
      'ConfirmOrder',
      'Confirmed',
      'execution.succeeded',
    ]);
    expect(trace.every((event) => 'executionArn' in event && event.executionArn === execution.executionArn)).toBe(true);
  });
});
