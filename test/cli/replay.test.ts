import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import {
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  ListArchivesCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { sagaBusResourceNames } from '../../lib/infra/constructs/saga-event-bus';
import { archiveNameOf } from '../../lib/ops';
import { LOCAL, choreo } from './run-cli';

const eventBridge = mockClient(EventBridgeClient);
const BUS_ARN = 'arn:aws:events:eu-west-1:000000000000:event-bus/shop-choreography';
const ARCHIVE_ARN = 'arn:aws:events:eu-west-1:000000000000:archive/shop-choreography-archive';
const WINDOW = ['--from', '2026-11-28T10:00:00Z', '--to', '2026-11-28T11:00:00Z'] as const;

/** The bus and its conventional archive exist. */
function busWithArchive(): void {
  eventBridge.on(DescribeEventBusCommand).resolves({ Name: 'shop-choreography', Arn: BUS_ARN });
  eventBridge
    .on(ListArchivesCommand)
    .resolves({ Archives: [{ ArchiveName: 'shop-choreography-archive', EventSourceArn: BUS_ARN }] });
  eventBridge
    .on(DescribeArchiveCommand)
    .resolves({ ArchiveName: 'shop-choreography-archive', ArchiveArn: ARCHIVE_ARN, EventSourceArn: BUS_ARN });
  eventBridge
    .on(StartReplayCommand)
    .resolves({ ReplayArn: 'arn:aws:events:eu-west-1:000000000000:replay/r', State: 'STARTING' });
}

beforeEach(() => {
  eventBridge.reset();
});

describe('choreo replay', () => {
  it("replays the window from the bus's archive onto the bus", async () => {
    busWithArchive();

    const run = await choreo(['replay', ...WINDOW, ...LOCAL]);

    expect(run.code).toBe(0);
    expect(eventBridge).toHaveReceivedCommandWith(ListArchivesCommand, { EventSourceArn: BUS_ARN });
    expect(eventBridge).toHaveReceivedCommandWith(StartReplayCommand, {
      ReplayName: 'shop-choreography-replay-20261128T120000Z',
      EventSourceArn: ARCHIVE_ARN,
      EventStartTime: new Date('2026-11-28T10:00:00Z'),
      EventEndTime: new Date('2026-11-28T11:00:00Z'),
      Destination: { Arn: BUS_ARN },
    });
    expect(run.stdout).toBe(
      "started replay 'shop-choreography-replay-20261128T120000Z' of 'shop-choreography-archive' onto 'shop-choreography' for 2026-11-28T10:00:00.000Z .. 2026-11-28T11:00:00.000Z (STARTING)\n",
    );
  });

  it('waits with --wait until DescribeReplay says it completed', async () => {
    busWithArchive();
    eventBridge.on(DescribeReplayCommand).resolvesOnce({ State: 'RUNNING' }).resolves({ State: 'COMPLETED' });

    const run = await choreo(['replay', ...WINDOW, '--wait', '--json', ...LOCAL]);

    expect(run.code).toBe(0);
    expect(eventBridge).toHaveReceivedCommandTimes(DescribeReplayCommand, 2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      state: 'COMPLETED',
      archive: 'shop-choreography-archive',
      bus: 'shop-choreography',
    });
  });

  it('exits 1 with the reason when the replay fails', async () => {
    busWithArchive();
    eventBridge.on(DescribeReplayCommand).resolves({ State: 'FAILED', StateReason: 'destination bus was deleted' });

    const run = await choreo(['replay', ...WINDOW, '--wait', ...LOCAL]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "error: replay 'shop-choreography-replay-20261128T120000Z' ended FAILED: destination bus was deleted",
    );
  });

  it('uses the archive given with --archive after checking it records this bus', async () => {
    busWithArchive();
    eventBridge.on(DescribeArchiveCommand, { ArchiveName: 'other' }).resolves({
      ArchiveName: 'other',
      ArchiveArn: 'arn:aws:events:eu-west-1:000000000000:archive/other',
      EventSourceArn: 'arn:aws:events:eu-west-1:000000000000:event-bus/default',
    });

    const run = await choreo(['replay', ...WINDOW, '--archive', 'other', ...LOCAL]);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: archive 'other' records bus 'arn:aws:events:eu-west-1:000000000000:event-bus/default', not '${BUS_ARN}'\n`,
    );
    expect(eventBridge).not.toHaveReceivedCommand(StartReplayCommand);
  });

  it('exits 1 when the bus has no archive', async () => {
    busWithArchive();
    eventBridge.on(ListArchivesCommand).resolves({ Archives: [] });

    const run = await choreo(['replay', ...WINDOW, ...LOCAL]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: bus 'shop-choreography' has no archive to replay from\n");
  });

  it.each([
    [
      ['--from', 'yesterday', '--to', '2026-11-28T11:00:00Z'],
      "error: --from must be an ISO 8601 time such as 2026-11-28T10:00:00Z, got 'yesterday'\n",
    ],
    [
      ['--from', '2026-11-28T10:00:00Z', '--to', '2026-13-45T99:00:00Z'],
      "error: --to must be an ISO 8601 time such as 2026-11-28T10:00:00Z, got '2026-13-45T99:00:00Z'\n",
    ],
    [
      ['--from', '2026-11-28T11:00:00Z', '--to', '2026-11-28T10:00:00Z'],
      "error: --from must be before --to, got '2026-11-28T11:00:00Z' and '2026-11-28T10:00:00Z'\n",
    ],
  ])('exits 2 before calling AWS for bad times %j', async (times, message) => {
    const run = await choreo(['replay', ...times, ...LOCAL]);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(message);
    expect(eventBridge).not.toHaveReceivedAnyCommand();
  });

  it('exits 2 when --from is missing', async () => {
    const run = await choreo(['replay', '--to', '2026-11-28T11:00:00Z', ...LOCAL]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '--from <time>' not specified");
  });

  it('names the archive as the infrastructure does', () => {
    expect(archiveNameOf('dev-shop-orchestration')).toBe(sagaBusResourceNames('orchestration', 'dev').archive);
  });
});
