import { LocalScheduler, type ScheduleInput, type ScheduleInvocation } from '../../../lib/local/scheduler';
import { ManualClock } from '../sqs/manual-clock';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';
import { startOnStore, whileRunning } from './durable-services';

const START = Date.parse('2026-06-01T12:00:00Z');
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:fired';
const ROLE_ARN = 'arn:aws:iam::000000000000:role/scheduler';

function schedule(name: string, expression: string, members: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    Name: name,
    ScheduleExpression: expression,
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: QUEUE_ARN, RoleArn: ROLE_ARN, Input: JSON.stringify({ name }) },
    ...members,
  };
}

/**
 * A scheduler whose state is kept under `dataDirectory`, composed as the local cloud does it:
 * what was kept is read, the template's schedules are created, then the kept ones put back.
 */
function startDurableScheduler(
  dataDirectory: string,
  options: { at?: number; template?: (scheduler: LocalScheduler) => void; hang?: boolean } = {},
) {
  return startOnStore(dataDirectory, async (persistence) => {
    const clock = new ManualClock(options.at ?? START);
    const invoked: string[] = [];
    const scheduler = new LocalScheduler({
      clock,
      journal: persistence.schedules,
      targets: {
        invoke: (invocation: ScheduleInvocation) => {
          invoked.push((JSON.parse(invocation.input) as { name: string }).name);
          return options.hang ? new Promise<void>(() => undefined) : Promise.resolve();
        },
        servesUniversal: () => false,
        sendToDeadLetterQueue: () => Promise.resolve(),
      },
    });
    const saved = await persistence.schedules!.load();
    options.template?.(scheduler);
    const restored = persistence.schedules!.restore(scheduler, saved);
    // `stop` writes what is staged, then closes the store (a kill -9 loses only what was unanswered).
    return { services: { scheduler, clock, invoked, restored }, close: () => scheduler.close() };
  });
}

describe('EventBridge Scheduler under --data', () => {
  const dataDirectory = temporaryDirectoryForEachTest('schedule-state-');

  it('keeps schedule groups and schedules created through the API with their state, and forgets deleted ones', async () => {
    // GIVEN a group with a disabled rate schedule, and a deleted schedule and group
    const first = await startDurableScheduler(dataDirectory());
    first.scheduler.createScheduleGroup('reports');
    first.scheduler.createSchedule(
      schedule('hourly', 'rate(1 hour)', { GroupName: 'reports', State: 'DISABLED', Description: 'kept' }),
    );
    first.scheduler.createSchedule(schedule('gone', 'rate(5 minutes)'));
    first.scheduler.deleteSchedule('gone');
    first.scheduler.createScheduleGroup('dropped');
    first.scheduler.deleteScheduleGroup('dropped');
    await first.stop();

    // WHEN the scheduler starts again on the same directory
    await whileRunning(startDurableScheduler(dataDirectory(), { at: START + 60_000 }), (second) => {
      // THEN the group and the schedule are back as GetSchedule described them (Scheduler API reference)
      expect(second.restored).toBe(1);
      expect(second.scheduler.listScheduleGroups().map((group) => group.name)).toEqual(['default', 'reports']);
      expect(second.scheduler.getSchedule('hourly', 'reports')).toMatchObject({
        State: 'DISABLED',
        Description: 'kept',
        ScheduleExpression: 'rate(1 hour)',
        CreationDate: START / 1000,
      });
      expect(() => second.scheduler.getSchedule('gone')).toThrow('Schedule gone does not exist.');
    });
  });

  it('does not fire a one-time schedule again after a restart once it fired, and keeps one deleted after completion deleted', async () => {
    // GIVEN two one-time schedules due in a minute (one deleted after completion) and one due tomorrow
    const first = await startDurableScheduler(dataDirectory());
    first.scheduler.createSchedule(schedule('once', 'at(2026-06-01T12:01:00)'));
    first.scheduler.createSchedule(
      schedule('once-then-delete', 'at(2026-06-01T12:01:00)', { ActionAfterCompletion: 'DELETE' }),
    );
    first.scheduler.createSchedule(schedule('tomorrow', 'at(2026-06-02T12:00:00)'));
    await first.clock.advance(2 * 60_000);
    expect(first.invoked.sort()).toEqual(['once', 'once-then-delete']);
    await first.stop();

    // WHEN it starts again two days later
    await whileRunning(startDurableScheduler(dataDirectory(), { at: START + 2 * 86_400_000 }), async (second) => {
      await second.clock.advance(60_000);
      // THEN only the schedule that had not fired fires (its time passed: at once), the completed
      // one stays, the DELETE one is gone (Scheduler user guide, "One-time schedules", ActionAfterCompletion)
      expect(second.invoked).toEqual(['tomorrow']);
      expect(second.scheduler.getSchedule('once')).toMatchObject({ ActionAfterCompletion: 'NONE' });
      expect(() => second.scheduler.getSchedule('once-then-delete')).toThrow('does not exist');
    });
  });

  it('fires again a one-time schedule whose invocation a crash interrupted (at least once)', async () => {
    // GIVEN a one-time schedule whose target never answers
    const first = await startDurableScheduler(dataDirectory(), { hang: true });
    first.scheduler.createSchedule(schedule('interrupted', 'at(2026-06-01T12:01:00)'));
    await first.clock.advance(2 * 60_000);
    expect(first.invoked).toEqual(['interrupted']);
    await first.stop();

    // WHEN the scheduler starts again
    await whileRunning(startDurableScheduler(dataDirectory(), { at: START + 3 * 60_000 }), async (second) => {
      await second.clock.advance(1000);
      // THEN the invocation is made again
      expect(second.invoked).toEqual(['interrupted']);
    });
  });

  it("keeps a template's schedule deleted through the API deleted after a restart, and goes on with a template schedule's kept state", async () => {
    const template = (scheduler: LocalScheduler) => {
      scheduler.createSchedule(schedule('from-template', 'rate(1 hour)'));
      scheduler.createSchedule(schedule('template-once', 'at(2026-06-01T12:01:00)'));
    };
    // GIVEN the template's schedules, one deleted through the API, the other fired
    const first = await startDurableScheduler(dataDirectory(), { template });
    first.scheduler.deleteSchedule('from-template');
    await first.clock.advance(2 * 60_000);
    expect(first.invoked).toEqual(['template-once']);
    await first.stop();

    // WHEN the local cloud starts twice more from the same template
    for (const at of [START + 86_400_000, START + 2 * 86_400_000]) {
      await whileRunning(startDurableScheduler(dataDirectory(), { template, at }), async (next) => {
        await next.clock.advance(1000);
        // THEN the deleted one stays deleted and the one-time one does not fire again
        expect(() => next.scheduler.getSchedule('from-template')).toThrow('does not exist');
        expect(next.invoked).toEqual([]);
      });
    }
  });

  it('fires a one-time schedule after UpdateSchedule moved it, even once it was created earlier', async () => {
    // Scheduler API reference, UpdateSchedule: the whole definition is replaced.
    await whileRunning(startDurableScheduler(dataDirectory()), async (harness) => {
      harness.scheduler.createSchedule(schedule('moved', 'at(2026-06-05T00:00:00)'));
      await harness.clock.advance(60_000);
      harness.scheduler.updateSchedule(schedule('moved', 'at(2026-06-01T12:02:00)'));
      await harness.clock.advance(2 * 60_000);
      expect(harness.invoked).toEqual(['moved']);
    });
  });
});
