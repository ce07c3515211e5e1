import { join } from 'node:path';
import { ScaledClock } from '../../../lib/local/clock';
import { LocalEventBridge } from '../../../lib/local/eventbridge';
import { LocalSqs } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';
import { startOnStore, whileRunning } from './durable-services';

/** EventBridge with its buses, archives and rules under `dataDirectory`, put back as the local cloud does. */
function startDurableEventBridge(dataDirectory: string) {
  return startOnStore(dataDirectory, async (persistence) => {
    const clock = new ScaledClock();
    const trace = new TraceRecorder(clock);
    const sqs = new LocalSqs({ clock, trace });
    const eventBridge = new LocalEventBridge({
      clock,
      trace,
      sqs,
      archiveDirectory: join(dataDirectory, 'archives'),
      ruleJournal: persistence.rules,
      busJournal: persistence.buses,
    });
    const restored = await persistence.buses!.restore(eventBridge);
    const rules = await persistence.rules!.restore(eventBridge);
    return {
      services: { eventBridge, restored: { ...restored, rules } },
      close: () => {
        eventBridge.close();
        sqs.close();
      },
    };
  });
}

describe('EventBridge buses, archives and rules under --data', () => {
  const dataDirectory = temporaryDirectoryForEachTest('eventbridge-state-');

  it('keeps buses and archives created through the API, with their rules, archived events and replays, and forgets deleted ones', async () => {
    // GIVEN a bus created through the API with a rule and an archive that recorded an event
    const first = await startDurableEventBridge(dataDirectory());
    const bus = first.eventBridge.createEventBus('api-bus', 'made by CreateEventBus');
    first.eventBridge.putRule({ name: 'on-api-bus', eventBusName: 'api-bus', eventPattern: { source: ['test'] } });
    first.eventBridge.createArchive({ archiveName: 'api-archive', eventSourceArn: bus.arn, retentionDays: 3 });
    first.eventBridge.createArchive({ archiveName: 'deleted-archive', eventSourceArn: bus.arn });
    first.eventBridge.putEvents(
      [{ Source: 'test', DetailType: 'Kept', Detail: '{"kept":true}', EventBusName: 'api-bus' }],
      'client',
    );
    // and a bus and an archive deleted again
    const dropped = first.eventBridge.createEventBus('dropped-bus');
    first.eventBridge.createArchive({ archiveName: 'dropped-archive', eventSourceArn: dropped.arn });
    expect(first.eventBridge.findArchive('deleted-archive')?.eventCount).toBe(1);
    first.eventBridge.deleteArchive('deleted-archive');
    first.eventBridge.deleteEventBus('dropped-bus');
    const createdAt = bus.createdAt;
    first.eventBridge.startReplay({
      replayName: 'kept-replay',
      archiveName: 'api-archive',
      eventStartTime: 0,
      eventEndTime: Date.now() + 60_000,
      destinationArn: bus.arn,
    });
    await first.eventBridge.whenIdle();
    await first.stop();

    // WHEN it starts again on the same directory
    await whileRunning(startDurableEventBridge(dataDirectory()), (second) => {
      // THEN the bus, its rule and its archive with its event are back (DescribeEventBus, DescribeArchive)
      expect(second.restored).toEqual({ buses: 1, archives: 1, rules: 1 });
      expect(second.eventBridge.getEventBus('api-bus').describe()).toMatchObject({
        Description: 'made by CreateEventBus',
        CreationTime: createdAt / 1000,
      });
      expect(second.eventBridge.getRule('api-bus', 'on-api-bus').props.eventPattern).toBe('{"source":["test"]}');
      const archive = second.eventBridge.findArchive('api-archive');
      expect(archive?.describe()).toMatchObject({ RetentionDays: 3, EventCount: 1 });
      expect(archive?.events().map((entry) => entry.event.detail)).toEqual([{ kept: true }]);
      // and the replay is described as before (DescribeReplay), not run again
      expect(second.eventBridge.getReplay('kept-replay')).toMatchObject({ state: 'COMPLETED', eventCount: 1 });
      // and what was deleted stays deleted; an archive created again with a deleted one's name starts empty
      expect(second.eventBridge.findEventBus('dropped-bus')).toBeUndefined();
      expect(second.eventBridge.findArchive('dropped-archive')).toBeUndefined();
      expect(second.eventBridge.findArchive('deleted-archive')).toBeUndefined();
      const again = second.eventBridge.createArchive({
        archiveName: 'deleted-archive',
        eventSourceArn: second.eventBridge.getEventBus('api-bus').arn,
      });
      expect(again.eventCount).toBe(0);
    });
  });

  it('keeps rules created through the API with their state and targets, and forgets deleted ones', async () => {
    const first = await startDurableEventBridge(dataDirectory());
    first.eventBridge.putRule({ name: 'kept', eventPattern: { source: ['shop.orders'] } });
    first.eventBridge.putTargets(undefined, 'kept', [
      { Id: 'queue', Arn: 'arn:aws:sqs:us-east-1:000000000000:orders' },
      { Id: 'gone', Arn: 'arn:aws:sqs:us-east-1:000000000000:other' },
    ]);
    first.eventBridge.removeTargets(undefined, 'kept', ['gone']);
    first.eventBridge.setRuleState(undefined, 'kept', 'DISABLED');
    first.eventBridge.putRule({ name: 'deleted', eventPattern: { source: ['x'] } });
    first.eventBridge.deleteRule(undefined, 'deleted');
    await first.stop();

    await whileRunning(startDurableEventBridge(dataDirectory()), (second) => {
      expect(second.restored).toEqual({ buses: 0, archives: 0, rules: 1 });
      const rule = second.eventBridge.getRule(undefined, 'kept');
      expect(rule.props).toMatchObject({ state: 'DISABLED', eventPattern: '{"source":["shop.orders"]}' });
      expect([...rule.targets.keys()]).toEqual(['queue']);
      expect(() => second.eventBridge.getRule(undefined, 'deleted')).toThrow('Rule deleted does not exist');
    });
  });
});
