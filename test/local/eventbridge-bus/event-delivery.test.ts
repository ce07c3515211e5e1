import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import orderPlaced from '../../fixtures/local/order-placed-entry.json';
import type { LocalQueue } from '../../../lib/local/sqs';
import { SHOP_BUS, startBridgeHarness, type BridgeHarness } from './bridge-harness';

describe('local EventBridge delivery to queues', () => {
  let harness: BridgeHarness;
  let queue: LocalQueue;

  beforeEach(async () => {
    harness = await startBridgeHarness();
    queue = harness.sqs.createQueue('orders');
    await harness.events.send(
      new PutRuleCommand({
        Name: 'order-placed-to-orders',
        EventBusName: SHOP_BUS,
        EventPattern: JSON.stringify({ source: ['shop.storefront'], 'detail-type': ['OrderPlaced'] }),
      }),
    );
  });

  afterEach(() => harness.stop());

  async function target(target: Record<string, unknown>): Promise<void> {
    await harness.events.send(
      new PutTargetsCommand({
        Rule: 'order-placed-to-orders',
        EventBusName: SHOP_BUS,
        Targets: [{ Id: 'orders', Arn: queue.arn, ...target }],
      }),
    );
  }

  it('delivers a matching event to the rule queue as an AWS event envelope', async () => {
    // Prepare
    await target({});

    // Act
    const result = await harness.events.send(new PutEventsCommand({ Entries: [orderPlaced] }));
    const [message] = await harness.drain(queue);

    // Assess
    const envelope = JSON.parse(message?.body ?? '{}') as Record<string, unknown>;
    expect(result.FailedEntryCount).toBe(0);
    expect(Object.keys(envelope)).toEqual([
      'version',
      'id',
      'detail-type',
      'source',
      'account',
      'time',
      'region',
      'resources',
      'detail',
    ]);
    expect(envelope).toMatchObject({
      version: '0',
      id: result.Entries?.[0]?.EventId,
      'detail-type': 'OrderPlaced',
      source: 'shop.storefront',
      account: '000000000000',
      region: 'us-east-1',
      resources: [],
      detail: JSON.parse(orderPlaced.Detail),
    });
    expect(envelope.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(harness.trace.events().map((event) => event.kind)).toEqual([
      'event.put',
      'rule.matched',
      'message.sent',
      'target.delivered',
      'message.received',
    ]);
    expect(harness.trace.forCorrelation('ord-1001')).toHaveLength(5);
  });

  it('does not deliver an event the pattern does not match', async () => {
    // Prepare
    await target({});

    // Act
    await harness.events.send(new PutEventsCommand({ Entries: [{ ...orderPlaced, DetailType: 'OrderConfirmed' }] }));
    const messages = await harness.drain(queue);

    // Assess
    expect(messages).toEqual([]);
    expect(harness.trace.events('rule.matched')).toEqual([]);
  });

  it('answers PutEvents before delivering and reports quiescence after', async () => {
    // Prepare
    await target({});

    // Act
    harness.bridge.putEvents([orderPlaced], 'client');
    const countedBefore = queue.counts().visible;
    const inFlight = harness.bridge.deliveriesInFlight;
    await harness.bridge.whenIdle();

    // Assess
    expect(countedBefore).toBe(0);
    expect(inFlight).toBeGreaterThan(0);
    expect(queue.counts().visible).toBe(1);
    expect(harness.bridge.deliveriesInFlight).toBe(0);
  });

  it('does not deliver through a disabled rule', async () => {
    // Prepare
    await target({});
    harness.bridge.setRuleState(SHOP_BUS, 'order-placed-to-orders', 'DISABLED');

    // Act
    harness.bridge.putEvents([orderPlaced], 'client');

    // Assess
    expect(await harness.drain(queue)).toEqual([]);
  });

  it('sends the constant Input instead of the event', async () => {
    // Prepare
    await target({ Input: '{"constant":true}' });

    // Act
    harness.bridge.putEvents([orderPlaced], 'client');

    // Assess
    expect((await harness.drain(queue)).map((message) => message.body)).toEqual(['{"constant":true}']);
  });

  it('sends the part of the event InputPath selects', async () => {
    // Prepare
    await target({ InputPath: '$.detail.data' });

    // Act
    harness.bridge.putEvents([orderPlaced], 'client');
    const [message] = await harness.drain(queue);

    // Assess
    expect(JSON.parse(message?.body ?? 'null')).toEqual(JSON.parse(orderPlaced.Detail).data);
  });

  it('applies the InputTransformer to the event', async () => {
    // Prepare
    await target({
      InputTransformer: {
        InputPathsMap: { order: '$.detail.data.orderId', type: '$.detail-type' },
        InputTemplate: '{"order": <order>, "type": <type>, "rule": <aws.events.rule-name>}',
      },
    });

    // Act
    harness.bridge.putEvents([orderPlaced], 'client');
    const [message] = await harness.drain(queue);

    // Assess
    expect(JSON.parse(message?.body ?? 'null')).toEqual({
      order: 'ord-1001',
      type: 'OrderPlaced',
      rule: 'order-placed-to-orders',
    });
  });

  it('forwards an event to another bus whose rules deliver it', async () => {
    // Prepare
    const audit = harness.sqs.createQueue('audit');
    harness.bridge.createEventBus('audit-bus');
    harness.bridge.putRule({
      name: 'everything',
      eventBusName: 'audit-bus',
      eventPattern: { source: [{ prefix: 'shop.' }] },
    });
    harness.bridge.putTargets('audit-bus', 'everything', [{ Id: 'audit', Arn: audit.arn }]);
    await target({});
    harness.bridge.putTargets(SHOP_BUS, 'order-placed-to-orders', [
      { Id: 'forward', Arn: harness.bridge.getEventBus('audit-bus').arn },
    ]);

    // Act
    const result = harness.bridge.putEvents([orderPlaced], 'client');
    await harness.bridge.whenIdle();
    const [forwarded] = await harness.drain(audit);

    // Assess
    expect(JSON.parse(forwarded?.body ?? '{}')).toMatchObject({
      id: (result.Entries[0] as { EventId: string }).EventId,
      'detail-type': 'OrderPlaced',
    });
  });
});
