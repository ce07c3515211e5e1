import { ScaledClock } from '../../../lib/local/clock';
import { LocalEventBridge } from '../../../lib/local/eventbridge';
import { LocalPersistence } from '../../../lib/local/persistence';
import { LocalSqs } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';

async function startDurableEventBridge(dataDirectory: string) {
  const persistence = await LocalPersistence.open({ dataDirectory });
  const clock = new ScaledClock();
  const trace = new TraceRecorder(clock);
  const sqs = new LocalSqs({ clock, trace });
  const eventBridge = new LocalEventBridge({ clock, trace, sqs, ruleJournal: persistence.rules });
  const restored = (await persistence.rules?.restore(eventBridge)) ?? 0;
  return {
    eventBridge,
    restored,
    async stop() {
      eventBridge.close();
      sqs.close();
      await persistence.close();
    },
  };
}

describe('EventBridge rules under --data', () => {
  const dataDirectory = temporaryDirectoryForEachTest('rule-state-');

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

    const second = await startDurableEventBridge(dataDirectory());
    try {
      expect(second.restored).toBe(1);
      const rule = second.eventBridge.getRule(undefined, 'kept');
      expect(rule.props).toMatchObject({ state: 'DISABLED', eventPattern: '{"source":["shop.orders"]}' });
      expect([...rule.targets.keys()]).toEqual(['queue']);
      expect(() => second.eventBridge.getRule(undefined, 'deleted')).toThrow('Rule deleted does not exist');
    } finally {
      await second.stop();
    }
  });
});
