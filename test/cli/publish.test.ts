import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOrderPlaced } from '../../functions/shared/event-builder';
import { DETAIL_TYPES, EVENT_CONTRACTS, MAX_ORDER_TOTAL_MINOR_UNITS, type EventData } from '../../lib/contracts';
import { LOCAL, choreo } from './run-cli';
import { acceptEveryPutEvents } from '../support/accept-every-put-events';
import { EVENT_DOCUMENTATION } from '../../lib/contracts/event-documentation';

const ORDER_FILE = join(__dirname, '../fixtures/cli/order-placed-data.json');
const ORDER = JSON.parse(readFileSync(ORDER_FILE, 'utf8')) as EventData<'OrderPlaced'>;
const eventBridge = mockClient(EventBridgeClient);

function sentEntries(): PutEventsRequestEntry[] {
  return eventBridge.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []);
}

beforeEach(() => {
  eventBridge.reset();
  acceptEveryPutEvents(eventBridge);
});

describe('choreo publish', () => {
  it('exits 2 and sends nothing when --detail is not JSON', async () => {
    const run = await choreo(['publish', 'OrderPlaced', '--detail', '{orderId:', ...LOCAL]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --detail is not valid JSON: .+\n$/);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
  });

  it("exits 2 with the schema's message and sends nothing when the data breaks the contract", async () => {
    const run = await choreo(['publish', 'OrderPlaced', '--detail', '{"bogus":true}', ...LOCAL]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: the OrderPlaced data does not match its contract: orderId: Invalid input');
    expect(run.stderr).toContain('Unrecognized key: "bogus"');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
  });

  it("exits 2 with the contract's money limit and sends nothing when the order total is above it", async () => {
    const lines = [
      { sku: 'sku-gold-bar', quantity: 1000, unitPrice: 900_000_000_000 },
      { sku: 'sku-silver-bar', quantity: 1000, unitPrice: 900_000_000_000 },
    ];
    const run = await choreo(['publish', 'OrderPlaced', '--detail', JSON.stringify({ ...ORDER, lines }), ...LOCAL]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `the order total (sum of quantity × unitPrice) must be at most ${MAX_ORDER_TOTAL_MINOR_UNITS} minor units`,
    );
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
  });

  it('exits 2 listing the known detail types when the type is unknown', async () => {
    const run = await choreo(['publish', 'OrderTeleported', '--detail', '{}']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`unknown detail type 'OrderTeleported'; known: ${DETAIL_TYPES.join(', ')}`);
  });

  it('exits 2 on an unknown option', async () => {
    const run = await choreo(['publish', 'OrderPlaced', '--detial', '{}']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown option '--detial'");
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
  });

  it.each([
    ['no input at all', ['publish', 'OrderPlaced'], 'give exactly one of --detail'],
    ['two inputs', ['publish', 'OrderPlaced', '--detail', '{}', '--demo', '2'], 'cannot be used with option'],
    [
      '--demo for a type other than OrderPlaced',
      ['publish', 'StockReserved', '--demo', '2'],
      "needs OrderPlaced, got 'StockReserved'",
    ],
    ['a demo count that is not a number', ['publish', 'OrderPlaced', '--demo', 'many'], "got 'many'"],
    ['an unknown variant', ['publish', 'OrderPlaced', '--demo', '1', '--variant', 'saga'], "'saga' is invalid"],
    [
      'an endpoint that is not a URL',
      ['publish', 'OrderPlaced', '--demo', '1', '--endpoint', 'localhost'],
      "got 'localhost'",
    ],
    [
      'a missing --detail-file',
      ['publish', 'OrderPlaced', '--detail-file', '/no/such/order.json'],
      "cannot read --detail-file '/no/such/order.json'",
    ],
  ])('exits 2 on %s', async (_case, argv, message) => {
    const run = await choreo(argv);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
  });

  it("publishes an order from a file to the variant's bus and prints both ids", async () => {
    // GIVEN an order as the contract's data
    const expected = buildOrderPlaced(ORDER, new Date('2026-11-28T12:00:00.000Z'));
    // WHEN it is published to the orchestration variant of stage dev
    const run = await choreo([
      'publish',
      'OrderPlaced',
      '--detail-file',
      ORDER_FILE,
      '--variant',
      'orchestration',
      '--stage',
      'dev',
      ...LOCAL,
    ]);
    // THEN the event went to dev-shop-orchestration with the built metadata, and the ids are printed
    expect(run.code).toBe(0);
    expect(sentEntries()).toEqual([
      {
        EventBusName: 'dev-shop-orchestration',
        Source: 'shop.storefront',
        DetailType: 'OrderPlaced',
        Detail: JSON.stringify(expected.detail),
      },
    ]);
    expect(run.stdout).toContain(expected.detail.metadata.eventId);
    expect(run.stdout).toContain('eb-1-0');
    expect(run.stdout).toContain("published 1 event(s) to bus 'dev-shop-orchestration'");
  });

  it('prints machine-readable results with --json', async () => {
    const run = await choreo(['publish', 'OrderPlaced', '--detail', JSON.stringify(ORDER), '--json', ...LOCAL]);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      busName: 'shop-choreography',
      events: [
        {
          detailType: 'OrderPlaced',
          orderId: ORDER.orderId,
          eventId: buildOrderPlaced(ORDER).detail.metadata.eventId,
          eventBridgeId: 'eb-1-0',
        },
      ],
    });
  });

  it('sends a whole {metadata, data} detail as it is, keeping its event id', async () => {
    const detail = {
      metadata: { ...buildOrderPlaced(ORDER).detail.metadata, occurredAt: '2026-01-01T00:00:00.000Z' },
      data: ORDER,
    };

    const run = await choreo(['publish', 'OrderPlaced', '--detail', JSON.stringify(detail), ...LOCAL]);

    expect(run.code).toBe(0);
    expect(JSON.parse(sentEntries()[0]?.Detail ?? '{}')).toEqual(detail);
  });

  it('builds metadata caused by --causation-id for events other than OrderPlaced', async () => {
    const data = EVENT_DOCUMENTATION.PaymentFailed.exampleData;

    const run = await choreo([
      'publish',
      'PaymentFailed',
      '--detail',
      JSON.stringify(data),
      '--causation-id',
      'manual-1',
      ...LOCAL,
    ]);

    expect(run.code).toBe(0);
    const [entry] = sentEntries();
    expect(entry?.Source).toBe('shop.payments');
    expect(JSON.parse(entry?.Detail ?? '{}').metadata).toMatchObject({
      causationId: 'manual-1',
      correlationId: data.orderId,
    });
  });

  it('sends N valid demo orders, the same ones again for the same --seed', async () => {
    // WHEN 25 demo orders are published twice with one seed
    const first = await choreo(['publish', 'OrderPlaced', '--demo', '25', '--seed', '7', '--json', ...LOCAL]);
    const again = await choreo(['publish', 'OrderPlaced', '--demo', '25', '--seed', '7', '--json', ...LOCAL]);
    // THEN each run sent 25 contract-valid orders in requests of at most 10
    expect(first.code).toBe(0);
    const entries = sentEntries();
    expect(entries).toHaveLength(50);
    expect(eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.length)).toEqual([
      10, 10, 5, 10, 10, 5,
    ]);
    for (const entry of entries) {
      expect(EVENT_CONTRACTS.OrderPlaced.detailSchema.safeParse(JSON.parse(entry.Detail ?? '')).success).toBe(true);
    }
    // AND the same seed gave the same event ids, with the scenarios of the default mix
    const firstEvents = (JSON.parse(first.stdout) as { seed: number; events: { eventId: string; scenario: string }[] })
      .events;
    const againEvents = (JSON.parse(again.stdout) as { events: { eventId: string }[] }).events;
    expect(againEvents.map((event) => event.eventId)).toEqual(firstEvents.map((event) => event.eventId));
    expect(firstEvents.filter((event) => event.scenario === 'confirmed')).toHaveLength(20);
  });

  it('prints a demo table with the scenario of each order and how to repeat the run', async () => {
    const run = await choreo([
      'publish',
      'OrderPlaced',
      '--demo',
      '3',
      '--seed',
      '11',
      '--mix',
      'out-of-stock=1',
      ...LOCAL,
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout.match(/out-of-stock/g)).toHaveLength(3);
    expect(run.stdout).toContain('--seed 11 repeats it');
  });

  it('exits 1 with one line when the endpoint refuses the connection', async () => {
    eventBridge
      .on(PutEventsCommand)
      .rejects(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }));

    const run = await choreo(['publish', 'OrderPlaced', '--detail-file', ORDER_FILE, ...LOCAL]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: could not publish 1 event(s) after 1 attempt(s): connect ECONNREFUSED 127.0.0.1:4566 (is the endpoint running and reachable?)\n',
    );
  });

  it('adds the stack trace to a failure with --verbose', async () => {
    eventBridge.on(PutEventsCommand).rejects(new Error('socket hang up'));

    const run = await choreo(['--verbose', 'publish', 'OrderPlaced', '--detail-file', ORDER_FILE, ...LOCAL]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('caused by: Error: socket hang up');
    expect(run.stderr).toMatch(/\n\s+at /);
  });
});

describe('choreo', () => {
  it('lists its commands with --help and exits 0', async () => {
    const run = await choreo(['--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Commands:[\s\S]*publish[\s\S]*seed/);
  });

  it('exits 2 on an unknown command', async () => {
    const run = await choreo(['publsh']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'publsh'");
  });
});
