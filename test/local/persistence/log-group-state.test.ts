import { ScaledClock } from '../../../lib/local/clock';
import { LogStore } from '../../../lib/local/logs';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';
import { startOnStore, whileRunning } from './durable-services';

const DAY_MS = 86_400_000;

/** CloudWatch Logs under `dataDirectory`, composed as the local cloud does: the template's group, then what was kept. */
function startDurableLogs(dataDirectory: string) {
  return startOnStore(dataDirectory, async (persistence) => {
    const clock = new ScaledClock();
    const logs = new LogStore({ clock, maxEventsPerGroup: 3, journal: persistence.logGroups });
    const saved = await persistence.logGroups!.load();
    logs.ensureLogGroup('/aws/lambda/from-template', { retentionInDays: 7 });
    const restored = persistence.logGroups!.restore(logs, saved);
    return {
      services: {
        logs,
        clock,
        restored,
        /** The event records the store holds now. */
        keptEventRecords: async () => {
          await persistence.commit();
          return (await persistence.store.load('logs/event/')).length;
        },
      },
      close: () => undefined,
    };
  });
}

describe('CloudWatch Logs under --data', () => {
  const dataDirectory = temporaryDirectoryForEachTest('log-group-state-');

  it('keeps log groups, their retention, streams and events within the bound, and forgets deleted groups', async () => {
    // GIVEN a function's group with five lines (three kept), a group created through the API with
    // a 1-day retention, and a group deleted again
    const first = await startDurableLogs(dataDirectory());
    const now = first.clock.now();
    first.logs.putLogEvents(
      '/aws/lambda/from-template',
      '2026/06/01/[$LATEST]abc',
      [1, 2, 3, 4, 5].map((n) => ({ timestamp: now + n, message: `line ${n}` })),
      true,
    );
    first.logs.createLogGroup('/app/custom', { retentionInDays: 1 });
    first.logs.createLogStream('/app/custom', 'api');
    first.logs.putLogEvents('/app/custom', 'api', [
      { timestamp: now - 2 * DAY_MS, message: 'expired' },
      { timestamp: now, message: 'kept' },
    ]);
    first.logs.putRetentionPolicy('/app/custom', 3);
    first.logs.createLogGroup('/app/dropped');
    first.logs.putLogEvents('/app/dropped', 'x', [{ timestamp: now, message: 'gone' }], true);
    first.logs.deleteLogGroup('/app/dropped');
    const eventIds = first.logs.events('/aws/lambda/from-template').map((event) => event.eventId);
    expect(await first.keptEventRecords()).toBe(5);
    await first.stop();

    // WHEN it starts again on the same directory
    await whileRunning(startDurableLogs(dataDirectory()), async (second) => {
      // THEN the groups, streams and events are back (DescribeLogGroups, GetLogEvents), no more than were kept
      expect(second.restored).toBe(5);
      expect(second.logs.logGroups().map((group) => [group.logGroupName, group.retentionInDays])).toEqual([
        ['/app/custom', 3],
        ['/aws/lambda/from-template', 7],
      ]);
      expect(second.logs.events('/aws/lambda/from-template').map((event) => event.eventId)).toEqual(eventIds);
      expect(second.logs.events('/app/custom').map((event) => event.message)).toEqual(['expired', 'kept']);
      expect(second.logs.logStreams('/app/custom')).toEqual([
        expect.objectContaining({ logStreamName: 'api', lastEventTimestamp: now }),
      ]);
      expect(second.logs.hasLogGroup('/app/dropped')).toBe(false);
      // and a retention shortened after the restart drops the expired event from the store too
      second.logs.putRetentionPolicy('/app/custom', 1);
      expect(second.logs.events('/app/custom').map((event) => event.message)).toEqual(['kept']);
      expect(await second.keptEventRecords()).toBe(4);
    });
  });
});
