import { ScaledClock } from '../../../lib/local/clock';
import { LocalEventBridge } from '../../../lib/local/eventbridge';
import { LogStore } from '../../../lib/local/logs';
import { LocalScheduler } from '../../../lib/local/scheduler';
import { LocalSqs } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';
import { startOnStore } from './durable-services';

/**
 * SQS, EventBridge buses, CloudWatch Logs and the Scheduler on the store under `dataDirectory`, each writing to its
 * journal as under --data: what `answer-then-kill.ts` changes before its SIGKILL and `killed-state.test.ts` reads back.
 * Nothing kept is put back here: the test does that, as the local cloud does at start.
 */
export function startJournaledServices(dataDirectory: string) {
  return startOnStore(dataDirectory, async (persistence) => {
    const clock = new ScaledClock();
    const trace = new TraceRecorder(clock);
    const sqs = new LocalSqs({ clock, trace, journal: persistence.sqs });
    const eventBridge = new LocalEventBridge({ clock, trace, sqs, busJournal: persistence.buses });
    const logs = new LogStore({ clock, journal: persistence.logGroups });
    const scheduler = new LocalScheduler({
      clock,
      journal: persistence.schedules,
      targets: {
        invoke: () => Promise.resolve(),
        servesUniversal: () => false,
        sendToDeadLetterQueue: () => Promise.resolve(),
      },
    });
    return {
      services: { persistence, clock, sqs, eventBridge, logs, scheduler },
      close: () => {
        scheduler.close();
        eventBridge.close();
        sqs.close();
      },
    };
  });
}
