import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { EVENT_CONTRACTS } from '../../lib/contracts';
import confirmedItem from '../fixtures/cli/order-item-confirmed.json';
import { LOCAL, choreo } from './run-cli';

const eventBridge = mockClient(EventBridgeClient);
const dynamo = mockClient(DynamoDBDocumentClient);
/** With --seed 5 the smoke order is `smoke-5-1`, the order of the fixture. */
const SMOKE = ['smoke', '--seed', '5', ...LOCAL];
const pending = {
  ...confirmedItem,
  status: 'PENDING',
  history: confirmedItem.history.slice(0, 1),
  confirmation: undefined,
};

beforeEach(() => {
  eventBridge.reset();
  dynamo.reset();
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'eb-1' }] });
});

describe('choreo smoke', () => {
  it('places one valid order, waits until it is confirmed, prints its history and exits 0', async () => {
    // GIVEN an order that is not there yet, then pending, then confirmed
    dynamo.on(GetCommand).resolvesOnce({}).resolvesOnce({ Item: pending }).resolves({ Item: confirmedItem });
    // WHEN the smoke test runs
    const run = await choreo(SMOKE);
    // THEN it published one valid OrderPlaced and read the order until it was confirmed
    expect(run.code).toBe(0);
    const entries = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries ?? [];
    expect(entries).toHaveLength(1);
    const detail = JSON.parse(entries[0]?.Detail ?? '{}');
    expect(EVENT_CONTRACTS.OrderPlaced.detailSchema.safeParse(detail).success).toBe(true);
    expect(detail.data.orderId).toBe('smoke-5-1');
    expect(dynamo).toHaveReceivedCommandTimes(GetCommand, 3);
    expect(run.stdout).toContain('ShipmentScheduled');
    expect(run.stderr).toContain("smoke test passed: order 'smoke-5-1' CONFIRMED after 2.0 s");
  });

  it('exits 1 with the reason when the order is cancelled', async () => {
    dynamo.on(GetCommand).resolves({
      Item: { ...confirmedItem, status: 'CANCELLED', cancellationReason: 'UNKNOWN_SKU', confirmation: undefined },
    });

    const run = await choreo(SMOKE);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "error: smoke test failed: order 'smoke-5-1' was CANCELLED after 0.0 s: UNKNOWN_SKU (are the tables seeded? run choreo seed)",
    );
  });

  it('exits 1 when the order is still pending at the timeout', async () => {
    dynamo.on(GetCommand).resolves({ Item: pending });

    const run = await choreo([...SMOKE, '--timeout', '5', '--interval', '2', '--json']);

    expect(run.code).toBe(1);
    expect(dynamo).toHaveReceivedCommandTimes(GetCommand, 4);
    expect(JSON.parse(run.stdout)).toMatchObject({ orderId: 'smoke-5-1', status: 'PENDING', seconds: 6 });
    expect(run.stderr).toContain("error: smoke test failed: order 'smoke-5-1' is still PENDING after 5 s");
  });

  it('exits 2 on a timeout that is not a positive number', async () => {
    const run = await choreo([...SMOKE, '--timeout', '-1']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument '-1' is invalid. expected a number of seconds above 0");
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
  });
});
