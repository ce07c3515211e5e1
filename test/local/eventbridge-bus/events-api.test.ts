import {
  DescribeRuleCommand,
  EventBridgeServiceException,
  InvalidEventPatternException,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceNotFoundException,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import orderPlaced from '../../fixtures/local/order-placed-entry.json';
import { SHOP_BUS, startBridgeHarness } from './bridge-harness';
import { freshForEachTest } from '../../support/fresh-for-each-test';

async function errorOf(promise: Promise<unknown>): Promise<EventBridgeServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as EventBridgeServiceException;
  }
  throw new Error('expected the call to fail');
}

describe('local EventBridge API', () => {
  const harness = freshForEachTest(startBridgeHarness);

  // PutEventsResultEntry error codes; an unknown bus is accepted and dropped, as the AWS-validated
  // localstack test test_put_events_nonexistent_event_bus records.
  it('reports each invalid PutEvents entry with its AWS error code and accepts the others', async () => {
    // Act
    const result = await harness.events.send(
      new PutEventsCommand({
        Entries: [
          orderPlaced,
          { ...orderPlaced, Detail: undefined },
          { ...orderPlaced, Detail: '[1, 2]' },
          { ...orderPlaced, Source: undefined },
          { ...orderPlaced, EventBusName: 'no-such-bus' },
        ],
      }),
    );

    // Assess
    expect(result.FailedEntryCount).toBe(3);
    expect(result.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(result.Entries?.[4]).toEqual({ EventId: expect.any(String) });
    expect(result.Entries?.slice(1, 4)).toEqual([
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
      },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
      },
    ]);
    expect(harness.trace.events('event.rejected')).toHaveLength(4);
  });

  it('refuses more than 10 entries in one PutEvents', async () => {
    const error = await errorOf(
      harness.events.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => orderPlaced) })),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('less than or equal to 10');
  });

  it('refuses entries larger than 256 KB in total', async () => {
    // Prepare
    const detail = JSON.stringify({ blob: 'x'.repeat(256 * 1024) });

    // Act
    const error = await errorOf(
      harness.events.send(new PutEventsCommand({ Entries: [{ ...orderPlaced, Detail: detail }] })),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses a rule with an invalid pattern with AWS message', async () => {
    const error = await errorOf(
      harness.events.send(new PutRuleCommand({ Name: 'bad', EventBusName: SHOP_BUS, EventPattern: '{"source": []}' })),
    );
    expect(error).toBeInstanceOf(InvalidEventPatternException);
    expect(error.message).toMatch(/^Event pattern is not valid\. Reason: /);
  });

  it('answers ResourceNotFoundException for a rule that does not exist', async () => {
    const error = await errorOf(
      harness.events.send(new DescribeRuleCommand({ Name: 'ghost', EventBusName: SHOP_BUS })),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe('Rule ghost does not exist on EventBus shop-choreography.');
  });

  it('answers ValidationException when a required parameter is missing', async () => {
    const error = await errorOf(harness.events.send(new PutRuleCommand({ Name: undefined, EventPattern: '{}' })));
    expect(error.name).toBe('ValidationException');
  });

  it('refuses a target whose input transformer AWS would refuse', async () => {
    // Prepare
    const queue = harness.sqs.createQueue('orders');
    await harness.events.send(
      new PutRuleCommand({ Name: 'placed', EventBusName: SHOP_BUS, EventPattern: '{"detail-type":["OrderPlaced"]}' }),
    );

    // Act
    const error = await errorOf(
      harness.events.send(
        new PutTargetsCommand({
          Rule: 'placed',
          EventBusName: SHOP_BUS,
          Targets: [
            {
              Id: 'q',
              Arn: queue.arn,
              InputTransformer: { InputPathsMap: { id: 'not a path' }, InputTemplate: '<id>' },
            },
          ],
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain("target 'q'");
  });

  it('tests an event against a pattern', async () => {
    // Prepare
    const event = {
      id: '1',
      source: 'shop.storefront',
      'detail-type': 'OrderPlaced',
      account: '000000000000',
      time: '2026-01-31T12:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: {},
    };

    // Act
    const matching = await harness.events.send(
      new TestEventPatternCommand({ EventPattern: '{"source":["shop.storefront"]}', Event: JSON.stringify(event) }),
    );
    const other = await harness.events.send(
      new TestEventPatternCommand({ EventPattern: '{"source":["shop.orders"]}', Event: JSON.stringify(event) }),
    );

    // Assess
    expect([matching.Result, other.Result]).toEqual([true, false]);
  });

  it('lists buses, rules and targets and describes a rule', async () => {
    // Prepare
    const queue = harness.sqs.createQueue('orders');
    await harness.events.send(
      new PutRuleCommand({
        Name: 'placed',
        EventBusName: SHOP_BUS,
        EventPattern: '{"detail-type":["OrderPlaced"]}',
        Description: 'to orders',
      }),
    );
    await harness.events.send(
      new PutTargetsCommand({ Rule: 'placed', EventBusName: SHOP_BUS, Targets: [{ Id: 'q', Arn: queue.arn }] }),
    );

    // Act
    const buses = await harness.events.send(new ListEventBusesCommand({}));
    const rules = await harness.events.send(new ListRulesCommand({ EventBusName: SHOP_BUS }));
    const rule = await harness.events.send(new DescribeRuleCommand({ Name: 'placed', EventBusName: SHOP_BUS }));
    const targets = await harness.events.send(new ListTargetsByRuleCommand({ Rule: 'placed', EventBusName: SHOP_BUS }));

    // Assess
    expect(buses.EventBuses?.map((bus) => bus.Name)).toEqual(['default', SHOP_BUS]);
    expect(rules.Rules?.map((entry) => entry.Name)).toEqual(['placed']);
    expect(rule).toMatchObject({
      Name: 'placed',
      Arn: 'arn:aws:events:us-east-1:000000000000:rule/shop-choreography/placed',
      State: 'ENABLED',
      Description: 'to orders',
      EventBusName: SHOP_BUS,
    });
    expect(targets.Targets).toEqual([{ Id: 'q', Arn: queue.arn }]);
  });
});
