import orderPlaced from '../../fixtures/local/order-placed-entry.json';
import { callbackInvoker, TargetInvocationError } from '../../../lib/local/eventbridge';
import type { RuleTarget, TargetInvocation } from '../../../lib/local/eventbridge';
import type { LocalQueue } from '../../../lib/local/sqs';
import { SHOP_BUS, startBridgeHarness, type BridgeHarness } from './bridge-harness';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:orders-handler';

describe('local EventBridge retries and target dead-letter queues', () => {
  let harness: BridgeHarness;
  let deadLetters: LocalQueue;
  let calls: TargetInvocation[];
  let failuresLeft: number;

  beforeEach(async () => {
    calls = [];
    failuresLeft = Infinity;
    harness = await startBridgeHarness([
      callbackInvoker('lambda', (invocation) => {
        calls.push(invocation);
        if (failuresLeft-- > 0) return Promise.reject(new Error('function is down'));
        return Promise.resolve();
      }),
    ]);
    deadLetters = harness.sqs.createQueue('orders-rule-dlq');
    harness.bridge.putRule({
      name: 'order-placed',
      eventBusName: SHOP_BUS,
      eventPattern: { 'detail-type': ['OrderPlaced'] },
    });
  });

  afterEach(() => harness.stop());

  /** Puts OrderPlaced through the rule to `target`, which dead-letters to `deadLetters`; what was dead-lettered once the bus is idle. */
  async function deadLettersOf(target: RuleTarget) {
    harness.bridge.putTargets(SHOP_BUS, 'order-placed', [{ ...target, DeadLetterConfig: { Arn: deadLetters.arn } }]);
    harness.bridge.putEvents([orderPlaced], 'client');
    return harness.drain(deadLetters);
  }

  it('retries a failing target and then sends the event to its DLQ with the EventBridge attributes', async () => {
    // Prepare
    harness.bridge.putTargets(SHOP_BUS, 'order-placed', [
      {
        Id: 'fn',
        Arn: FUNCTION_ARN,
        RetryPolicy: { MaximumRetryAttempts: 2 },
        DeadLetterConfig: { Arn: deadLetters.arn },
      },
    ]);

    // Act
    const result = harness.bridge.putEvents([orderPlaced], 'client');
    const [dead] = await harness.drain(deadLetters);

    // Assess
    expect(calls.map((call) => call.attempt)).toEqual([1, 2, 3]);
    expect(JSON.parse(dead?.body ?? '{}')).toMatchObject({
      id: (result.Entries[0] as { EventId: string }).EventId,
      'detail-type': 'OrderPlaced',
    });
    expect(dead?.attributes).toEqual({
      ERROR_CODE: { DataType: 'String', StringValue: 'ERROR_FROM_TARGET' },
      ERROR_MESSAGE: { DataType: 'String', StringValue: 'function is down' },
      RULE_ARN: {
        DataType: 'String',
        StringValue: 'arn:aws:events:us-east-1:000000000000:rule/shop-choreography/order-placed',
      },
      TARGET_ARN: { DataType: 'String', StringValue: FUNCTION_ARN },
      EXHAUSTED_RETRY_CONDITION: { DataType: 'String', StringValue: 'MaximumRetryAttempts' },
      RETRY_ATTEMPTS: { DataType: 'Number', StringValue: '2' },
    });
    expect(harness.trace.events('target.failed').map((event) => event.willRetry)).toEqual([true, true, false]);
    expect(harness.trace.events('target.dead-lettered')).toEqual([
      expect.objectContaining({ deadLetterArn: deadLetters.arn, correlationId: 'ord-1001' }),
    ]);
  });

  it('waits longer before each retry', async () => {
    // Prepare
    harness.bridge.putTargets(SHOP_BUS, 'order-placed', [
      { Id: 'fn', Arn: FUNCTION_ARN, RetryPolicy: { MaximumRetryAttempts: 3 } },
    ]);

    // Act
    harness.bridge.putEvents([orderPlaced], 'client');
    await harness.bridge.whenIdle();

    // Assess: back-off 1 s, 2 s, 4 s with the jitter fixed at 75 %
    const times = harness.trace.events('target.failed').map((event) => event.at);
    const gaps = times.slice(1).map((at, index) => at - (times[index] ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(750);
    expect(gaps[1]).toBeGreaterThanOrEqual(1500);
    expect(gaps[2]).toBeGreaterThanOrEqual(3000);
  });

  it('delivers once the target recovers within the retry policy', async () => {
    // Prepare
    failuresLeft = 2;

    // Act
    const dead = await deadLettersOf({ Id: 'fn', Arn: FUNCTION_ARN });

    // Assess
    expect(dead).toEqual([]);
    expect(harness.trace.events('target.delivered')).toEqual([expect.objectContaining({ targetId: 'fn', attempt: 3 })]);
  });

  it('stops retrying when the event gets older than MaximumEventAgeInSeconds', async () => {
    // Act
    const [dead] = await deadLettersOf({ Id: 'fn', Arn: FUNCTION_ARN, RetryPolicy: { MaximumEventAgeInSeconds: 60 } });

    // Assess
    expect(dead?.attributes.EXHAUSTED_RETRY_CONDITION?.StringValue).toBe('MaximumEventAgeInSeconds');
    expect(calls.length).toBeLessThan(10);
  });

  it('dead-letters at once, without retries, when the target queue does not exist', async () => {
    // Act
    const [dead] = await deadLettersOf({ Id: 'gone', Arn: 'arn:aws:sqs:us-east-1:000000000000:deleted-queue' });

    // Assess
    expect(dead?.attributes.ERROR_CODE?.StringValue).toBe('NO_RESOURCE');
    expect(dead?.attributes.EXHAUSTED_RETRY_CONDITION).toBeUndefined();
    expect(harness.trace.events('target.failed')).toEqual([expect.objectContaining({ attempt: 1, willRetry: false })]);
  });

  it('uses the code and retry decision of a TargetInvocationError', async () => {
    // Prepare
    harness.bridge.registerInvoker(
      callbackInvoker('states', () => Promise.reject(new TargetInvocationError('NO_PERMISSIONS', 'denied', false))),
    );

    // Act
    const [dead] = await deadLettersOf({ Id: 'sm', Arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:saga' });

    // Assess
    expect(dead?.attributes.ERROR_CODE?.StringValue).toBe('NO_PERMISSIONS');
  });

  it('ends deliveries waiting to retry when the bus closes', async () => {
    // Prepare
    harness.bridge.putTargets(SHOP_BUS, 'order-placed', [
      { Id: 'fn', Arn: FUNCTION_ARN, DeadLetterConfig: { Arn: deadLetters.arn } },
    ]);
    harness.bridge.putEvents([orderPlaced], 'client');
    while (calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));

    // Act
    harness.bridge.close();
    await harness.bridge.whenIdle();

    // Assess
    expect(harness.bridge.deliveriesInFlight).toBe(0);
    expect(deadLetters.counts().visible).toBe(0);
  });

  it('drops the event, and says so in the trace, when the target has no DLQ', async () => {
    // Prepare
    harness.bridge.putTargets(SHOP_BUS, 'order-placed', [
      { Id: 'fn', Arn: FUNCTION_ARN, RetryPolicy: { MaximumRetryAttempts: 0 } },
    ]);

    // Act
    harness.bridge.putEvents([orderPlaced], 'client');
    await harness.bridge.whenIdle();

    // Assess
    expect(harness.trace.events('target.dead-lettered')).toEqual([
      expect.objectContaining({ deadLetterArn: undefined, reason: expect.stringContaining('dropped') }),
    ]);
  });
});
