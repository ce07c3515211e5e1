import type { LocalScheduler, ScheduleGroup, ScheduleJournal, StoredSchedule } from '../scheduler';
import type { DurableStore } from './durable-store';

const GROUP_PREFIX = 'scheduler/group/';
const SCHEDULE_PREFIX = 'scheduler/schedule/';

/** A deletion, kept so a template's group or schedule deleted through the API stays deleted. */
interface Deleted {
  readonly deleted: true;
}

/** What was kept, read before the template's groups and schedules are created (and journaled). */
export interface SavedSchedules {
  readonly groups: [key: string, value: unknown][];
  readonly schedules: [key: string, value: unknown][];
}

/**
 * EventBridge Scheduler under `--data`: schedule groups and schedules created through the API or
 * from the template, each schedule with the last scheduled time whose invocation ended, so a
 * one-time schedule that fired does not fire again after a restart, one whose invocation a crash
 * interrupted fires again (at least once, as Scheduler promises), and one deleted after its
 * invocation (`ActionAfterCompletion: DELETE`) stays deleted.
 */
export class ScheduleStore implements ScheduleJournal {
  constructor(private readonly store: DurableStore) {}

  groupChanged(group: ScheduleGroup): void {
    this.store.put(`${GROUP_PREFIX}${group.name}`, () => group);
  }

  groupDeleted(name: string): void {
    this.store.put(`${GROUP_PREFIX}${name}`, (): Deleted => ({ deleted: true }));
  }

  scheduleChanged(schedule: StoredSchedule): void {
    this.store.put(`${SCHEDULE_PREFIX}${schedule.input.GroupName ?? 'default'}/${schedule.input.Name}`, () => schedule);
  }

  scheduleDeleted(groupName: string, name: string): void {
    this.store.put(`${SCHEDULE_PREFIX}${groupName}/${name}`, (): Deleted => ({ deleted: true }));
  }

  /** Reads what was kept; call before the template's schedules are created. */
  async load(): Promise<SavedSchedules> {
    return { groups: await this.store.load(GROUP_PREFIX), schedules: await this.store.load(SCHEDULE_PREFIX) };
  }

  /**
   * Puts back the kept groups and schedules over the template's, and forgets what was deleted.
   * @returns how many schedules came back
   */
  restore(scheduler: LocalScheduler, saved: SavedSchedules): number {
    for (const [key, value] of saved.groups) {
      const name = key.slice(GROUP_PREFIX.length);
      // The template's groups and schedules were journaled as they were created: what is put
      // back is journaled again over them, so the next restart finds it too.
      if (!isDeleted(value)) {
        scheduler.restoreScheduleGroup(value as ScheduleGroup);
        this.groupChanged(value as ScheduleGroup);
      } else if (scheduler.forgetScheduleGroup(name)) {
        this.groupDeleted(name);
      } else {
        // Nothing of the template brings it back: the deletion need not be kept any longer.
        this.store.del(key);
      }
    }
    let restored = 0;
    for (const [key, value] of saved.schedules) {
      const [groupName = '', name = ''] = key.slice(SCHEDULE_PREFIX.length).split('/');
      if (isDeleted(value)) {
        if (scheduler.forgetSchedule(groupName, name)) this.scheduleDeleted(groupName, name);
        else this.store.del(key);
      } else if (scheduler.restoreSchedule(value as StoredSchedule)) {
        this.scheduleChanged(value as StoredSchedule);
        restored++;
      } else {
        this.store.del(key);
      }
    }
    return restored;
  }
}

function isDeleted(value: unknown): value is Deleted {
  return typeof value === 'object' && value !== null && (value as Partial<Deleted>).deleted === true;
}
