import type { LocalScheduler, ScheduleGroup, ScheduleJournal, StoredSchedule } from '../scheduler';
import type { DurableStore } from './durable-store';
import { KeptRecords, type KeptRecord } from './kept-records';

/** What was kept, read before the template's groups and schedules are created (and journaled). */
export interface SavedSchedules {
  readonly groups: KeptRecord<ScheduleGroup>[];
  readonly schedules: KeptRecord<StoredSchedule>[];
}

/**
 * EventBridge Scheduler under `--data`: schedule groups and schedules created through the API or
 * from the template, each schedule with the last scheduled time whose invocation ended, so a
 * one-time schedule that fired does not fire again after a restart, one whose invocation a crash
 * interrupted fires again (at least once, as Scheduler promises), and one deleted after its
 * invocation (`ActionAfterCompletion: DELETE`) stays deleted.
 */
export class ScheduleStore implements ScheduleJournal {
  private readonly groups: KeptRecords<ScheduleGroup>;
  /** Keyed `<group>/<name>`. */
  private readonly schedules: KeptRecords<StoredSchedule>;

  constructor(store: DurableStore) {
    this.groups = new KeptRecords(store, 'scheduler/group/');
    this.schedules = new KeptRecords(store, 'scheduler/schedule/');
  }

  groupChanged(group: ScheduleGroup): void {
    this.groups.put(group.name, group);
  }

  groupDeleted(name: string): void {
    this.groups.putDeletion(name);
  }

  scheduleChanged(schedule: StoredSchedule): void {
    this.schedules.put(`${schedule.input.GroupName ?? 'default'}/${schedule.input.Name}`, schedule);
  }

  scheduleDeleted(groupName: string, name: string): void {
    this.schedules.putDeletion(`${groupName}/${name}`);
  }

  /** Reads what was kept; call before the template's schedules are created. */
  async load(): Promise<SavedSchedules> {
    return { groups: await this.groups.load(), schedules: await this.schedules.load() };
  }

  /**
   * Puts back the kept groups and schedules over the template's, and forgets what was deleted.
   * The template's groups and schedules were journaled as they were created: what is put back is
   * journaled again over them, so the next restart finds it too.
   * @returns how many schedules came back
   */
  restore(scheduler: LocalScheduler, saved: SavedSchedules): number {
    this.groups.putBack(saved.groups, {
      restore: (group) => {
        scheduler.restoreScheduleGroup(group);
        this.groupChanged(group);
        return true;
      },
      forget: (name) => {
        if (!scheduler.forgetScheduleGroup(name)) return false;
        this.groupDeleted(name);
        return true;
      },
    });
    return this.schedules.putBack(saved.schedules, {
      restore: (schedule) => {
        if (!scheduler.restoreSchedule(schedule)) return false;
        this.scheduleChanged(schedule);
        return true;
      },
      forget: (key) => {
        const [groupName = '', name = ''] = key.split('/');
        if (!scheduler.forgetSchedule(groupName, name)) return false;
        this.scheduleDeleted(groupName, name);
        return true;
      },
    });
  }
}
