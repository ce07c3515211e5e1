import {
  CreateArchiveCommand,
  DescribeArchiveCommand,
  ListArchivesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { MAX_DETAIL_DEPTH } from '../../../lib/local/eventbridge/put-events-entry';
import { SHOP_BUS, startBridgeHarness, type BridgeHarness } from './bridge-harness';

/** `{"a":{"a":...{"leaf":true}...}}`, `depth` objects deep. */
function nestedDetail(depth: number): string {
  return `${'{"a":'.repeat(depth - 1)}{"leaf":true}${'}'.repeat(depth - 1)}`;
}

// Source: PutEvents API reference, "PutEvents will only process nested JSON up to 1000 levels deep";
// a detail that is not a JSON object it processes is refused per entry with MalformedDetail.
describe('event details nested deeper than AWS processes', () => {
  let harness: BridgeHarness;
  beforeEach(async () => {
    harness = await startBridgeHarness();
    const busArn = harness.bridge.getEventBus(SHOP_BUS).arn;
    await harness.events.send(new CreateArchiveCommand({ ArchiveName: 'all', EventSourceArn: busArn }));
  });
  afterEach(() => harness.stop());

  const put = (detail: string) =>
    harness.events.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: SHOP_BUS, Source: 'test.deep', DetailType: 'Deep', Detail: detail }],
      }),
    );

  it.each([MAX_DETAIL_DEPTH + 1, 40_000])('refuses a detail %i levels deep with MalformedDetail', async (depth) => {
    const result = await put(nestedDetail(depth));
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
  });

  it('keeps archives and replay working after a hostile deep event was sent', async () => {
    // GIVEN a hostile 40,000-level event, and a 1,000-level one AWS accepts, archived
    await put(nestedDetail(40_000));
    const accepted = await put(nestedDetail(MAX_DETAIL_DEPTH));
    expect(accepted.FailedEntryCount).toBe(0);
    await harness.bridge.whenIdle();

    // WHEN the archive is described and listed, and replayed to a rule matching a deep field
    const described = await harness.events.send(new DescribeArchiveCommand({ ArchiveName: 'all' }));
    const listed = await harness.events.send(new ListArchivesCommand({}));
    const queue = harness.sqs.createQueue('deep-events');
    await harness.events.send(
      new PutRuleCommand({ Name: 'deep', EventBusName: SHOP_BUS, EventPattern: '{"source":["test.deep"]}' }),
    );
    await harness.events.send(
      new PutTargetsCommand({ Rule: 'deep', EventBusName: SHOP_BUS, Targets: [{ Id: 'q', Arn: queue.arn }] }),
    );
    const now = new Date(harness.clock.now() + 60_000);
    await harness.events.send(
      new StartReplayCommand({
        ReplayName: 'deep-replay',
        EventSourceArn: described.ArchiveArn,
        EventStartTime: new Date(0),
        EventEndTime: now,
        Destination: { Arn: harness.bridge.getEventBus(SHOP_BUS).arn },
      }),
    );
    const delivered = await waitForMessages(harness, queue);

    // THEN every call answers and the accepted event comes back whole
    expect(described.EventCount).toBe(1);
    expect(listed.Archives?.map((archive) => archive.ArchiveName)).toEqual(['all']);
    expect(delivered).toHaveLength(1);
    const body = JSON.parse(delivered[0]!.body) as { detail: unknown };
    expect(JSON.stringify(body.detail)).toBe(nestedDetail(MAX_DETAIL_DEPTH));
  });
});

async function waitForMessages(harness: BridgeHarness, queue: ReturnType<BridgeHarness['sqs']['createQueue']>) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const messages = await harness.drain(queue);
    if (messages.length > 0) return messages;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return [];
}
