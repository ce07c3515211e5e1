import { randomInt, randomUUID } from 'node:crypto';
import { DEFAULT_LOCAL_REGION, formatArn } from '../arn';
import type { Clock, TimerHandle } from '../clock';
import { formatEventTime } from '../eventbridge/event-envelope';
import { nextScheduledTime } from '../eventbridge/schedule-expression';
import { setTimerAt } from '../eventbridge/schedule-timer';
import type { TraceRecorder } from '../trace';
import { validateScheduleInput, type ScheduleDefinition, type ScheduleInput } from './schedule-definition';
import { classifyTarget, type TargetKind } from './schedule-target';
import { ScheduleTargetError, type ScheduleTargets } from './schedule-targets';
import { SchedulerConflictError, SchedulerResourceNotFoundError, SchedulerValidationError } from './scheduler-errors';

export interface LocalSchedulerProps {
  readonly clock: Clock;
  readonly targets: ScheduleTargets;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default - no trace */
  readonly trace?: TraceRecorder;
  /** Picks the moment inside a flexible time window, in [0, windowMs). @default - uniformly at random */
  readonly randomDelayMs?: (windowMs: number) => number;
  /** @default - 1 s doubling up to 5 min */
  readonly retryBaseMs?: number;
  /** Keeps groups and schedules (`--data`). @default - in memory only */
  readonly journal?: ScheduleJournal;
}

/** A schedule as the store under `--data` keeps it: its definition and where its clock stands. */
export interface StoredSchedule {
  /** The definition as CreateSchedule/UpdateSchedule took it. */
  readonly input: ScheduleInput;
  readonly arn: string;
  readonly createdAt: number;
  readonly lastModifiedAt: number;
  /** The last scheduled time whose invocation ended (AWS ms). */
  readonly cursor: number;
}

/**
 * What the scheduler tells the store that keeps it under `--data`: groups and schedules as they
 * are created, changed (a schedule after each invocation ends) and deleted. Calls only stage.
 */
export interface ScheduleJournal {
  groupChanged(group: ScheduleGroup): void;
  groupDeleted(name: string): void;
  scheduleChanged(schedule: StoredSchedule): void;
  scheduleDeleted(groupName: string, name: string): void;
}

/** A schedule group (the `default` group always exists). */
export interface ScheduleGroup {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
}

interface LocalSchedule {
  definition: ScheduleDefinition;
  readonly arn: string;
  readonly target: TargetKind;
  readonly createdAt: number;
  lastModifiedAt: number;
  timer?: TimerHandle;
  /** The last scheduled time fired (or skipped), from which the next is computed. */
  cursor: number;
  /** The last scheduled time whose invocation ended: what a restart goes on from (at least once). */
  durableCursor: number;
}

const DEFAULT_RETRY_ATTEMPTS = 185;
const DEFAULT_EVENT_AGE_SECONDS = 86_400;

/**
 * EventBridge Scheduler in the local cloud: schedule groups and schedules (from the template or
 * the API), fired on the local clock — `rate`, `cron` in the schedule's time zone, one-time
 * `at(...)`, within StartDate/EndDate, at a random moment of a flexible time window — invoking
 * their target with the target role's permissions (checked by `targets`), retried by the
 * retry policy, dead-lettered to SQS, and deleted after their last invocation when
 * `ActionAfterCompletion` is `DELETE`.
 */
export class LocalScheduler {
  readonly region: string;
  private readonly groups = new Map<string, ScheduleGroup>();
  private readonly schedules = new Map<string, LocalSchedule>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();

  constructor(private readonly props: LocalSchedulerProps) {
    this.region = props.region ?? DEFAULT_LOCAL_REGION;
    this.createScheduleGroup('default');
  }

  createScheduleGroup(name: string): ScheduleGroup {
    if (!/^[0-9a-zA-Z-_.]{1,64}$/.test(name)) {
      throw new SchedulerValidationError(
        `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+`,
      );
    }
    if (this.groups.has(name)) throw new SchedulerConflictError(`Schedule group ${name} already exists.`);
    const group = {
      name,
      arn: formatArn('scheduler', this.region, `schedule-group/${name}`),
      createdAt: this.props.clock.now(),
    };
    this.groups.set(name, group);
    if (name !== 'default') this.props.journal?.groupChanged(group);
    return group;
  }

  getScheduleGroup(name: string): ScheduleGroup {
    const group = this.groups.get(name);
    if (!group) throw new SchedulerResourceNotFoundError(`Schedule group ${name} does not exist.`);
    return group;
  }

  listScheduleGroups(namePrefix = ''): ScheduleGroup[] {
    return [...this.groups.values()].filter((group) => group.name.startsWith(namePrefix));
  }

  /** DeleteScheduleGroup: deletes its schedules too (the default group cannot be deleted). */
  deleteScheduleGroup(name: string): void {
    if (name === 'default') throw new SchedulerValidationError('Cannot delete the default schedule group.');
    this.getScheduleGroup(name);
    for (const schedule of [...this.schedules.values()]) {
      if (schedule.definition.GroupName === name) this.remove(schedule);
    }
    this.groups.delete(name);
    this.props.journal?.groupDeleted(name);
  }

  /** CreateSchedule. @returns the schedule's ARN */
  createSchedule(input: ScheduleInput): string {
    const definition = validateScheduleInput(input);
    this.getScheduleGroup(definition.GroupName);
    const key = keyOf(definition.GroupName, definition.Name);
    if (this.schedules.has(key)) throw new SchedulerConflictError(`Schedule ${definition.Name} already exists.`);
    const target = classifyTarget(definition.Target);
    const now = this.props.clock.now();
    const schedule: LocalSchedule = {
      definition,
      arn: formatArn('scheduler', this.region, `schedule/${definition.GroupName}/${definition.Name}`),
      target,
      createdAt: now,
      lastModifiedAt: now,
      cursor: now,
      durableCursor: now,
    };
    this.schedules.set(key, schedule);
    this.journal(schedule);
    this.arm(schedule);
    return schedule.arn;
  }

  /** UpdateSchedule: replaces the whole definition, as AWS does (unset members take defaults). */
  updateSchedule(input: ScheduleInput): string {
    const definition = validateScheduleInput(input);
    const schedule = this.find(definition.GroupName, definition.Name);
    const target = classifyTarget(definition.Target);
    schedule.timer?.cancel();
    Object.assign(schedule, {
      definition,
      target,
      lastModifiedAt: this.props.clock.now(),
      cursor: this.props.clock.now(),
      durableCursor: this.props.clock.now(),
    });
    this.journal(schedule);
    this.arm(schedule);
    return schedule.arn;
  }

  /**
   * Puts back a group kept under `--data` (one of the template's is already there).
   */
  restoreScheduleGroup(group: ScheduleGroup): void {
    if (group.name !== 'default') this.groups.set(group.name, { ...group });
  }

  /**
   * Puts back a schedule kept under `--data`, replacing the template's of the same name: it goes
   * on from the last invocation that ended. A one-time schedule that had not completed fires at
   * once; a recurring one takes up at its next time from now (occurrences while the local cloud
   * was stopped are not made up, as they would not be after a schedule was disabled).
   * @returns false when the kept definition is no longer valid (or its group is gone)
   */
  restoreSchedule(stored: StoredSchedule): boolean {
    let definition: ScheduleDefinition;
    let target: TargetKind;
    try {
      definition = validateScheduleInput(stored.input);
      target = classifyTarget(definition.Target);
    } catch {
      return false;
    }
    if (!this.groups.has(definition.GroupName)) return false;
    const key = keyOf(definition.GroupName, definition.Name);
    this.schedules.get(key)?.timer?.cancel();
    const now = this.props.clock.now();
    const cursor = definition.expression.kind === 'at' ? stored.cursor : Math.max(stored.cursor, now);
    const schedule: LocalSchedule = {
      definition,
      arn: stored.arn,
      target,
      createdAt: stored.createdAt,
      lastModifiedAt: stored.lastModifiedAt,
      cursor,
      durableCursor: stored.cursor,
    };
    this.schedules.set(key, schedule);
    this.arm(schedule);
    return true;
  }

  /** Forgets a schedule (a template's that was deleted before a restart), without journaling. */
  forgetSchedule(groupName: string, name: string): boolean {
    const schedule = this.schedules.get(keyOf(groupName, name));
    if (!schedule) return false;
    schedule.timer?.cancel();
    this.schedules.delete(keyOf(groupName, name));
    return true;
  }

  /** Forgets a group and its schedules (a template's deleted before a restart), without journaling. */
  forgetScheduleGroup(name: string): boolean {
    if (name === 'default' || !this.groups.has(name)) return false;
    for (const schedule of [...this.schedules.values()]) {
      if (schedule.definition.GroupName === name) this.forgetSchedule(name, schedule.definition.Name);
    }
    return this.groups.delete(name);
  }

  /** GetSchedule output. */
  getSchedule(name: string, groupName = 'default'): Record<string, unknown> {
    return describe(this.find(groupName, name));
  }

  deleteSchedule(name: string, groupName = 'default'): void {
    this.remove(this.find(groupName, name));
  }

  /** ListSchedules summaries, by group, name prefix and state. */
  listSchedules(filter: { groupName?: string; namePrefix?: string; state?: string } = {}): Record<string, unknown>[] {
    return [...this.schedules.values()]
      .filter(
        ({ definition }) =>
          (filter.groupName === undefined || definition.GroupName === filter.groupName) &&
          definition.Name.startsWith(filter.namePrefix ?? '') &&
          (filter.state === undefined || definition.State === filter.state),
      )
      .map((schedule) => ({
        Arn: schedule.arn,
        Name: schedule.definition.Name,
        GroupName: schedule.definition.GroupName,
        State: schedule.definition.State,
        CreationDate: schedule.createdAt / 1000,
        LastModificationDate: schedule.lastModifiedAt / 1000,
        Target: { Arn: schedule.definition.Target.Arn },
      }));
  }

  /** The AWS time a schedule fires next (before its flexible window), when it will. */
  nextInvocation(name: string, groupName = 'default'): number | undefined {
    return this.nextTime(this.find(groupName, name), this.find(groupName, name).cursor);
  }

  /** Invocations in flight (retries included). */
  get invocationsInFlight(): number {
    return this.inFlight.size;
  }

  /** Resolves once no invocation is in flight. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  close(): void {
    this.shutdown.abort(new Error('the local scheduler is closed'));
    for (const schedule of this.schedules.values()) schedule.timer?.cancel();
  }

  private find(groupName: string, name: string): LocalSchedule {
    const schedule = this.schedules.get(keyOf(groupName, name));
    if (!schedule) {
      if (!this.groups.has(groupName))
        throw new SchedulerResourceNotFoundError(`Schedule group ${groupName} does not exist.`);
      throw new SchedulerResourceNotFoundError(`Schedule ${name} does not exist.`);
    }
    return schedule;
  }

  private remove(schedule: LocalSchedule): void {
    schedule.timer?.cancel();
    this.schedules.delete(keyOf(schedule.definition.GroupName, schedule.definition.Name));
    this.props.journal?.scheduleDeleted(schedule.definition.GroupName, schedule.definition.Name);
  }

  private journal(schedule: LocalSchedule): void {
    if (!this.props.journal) return;
    const { expression: _parsed, ...input } = schedule.definition;
    this.props.journal.scheduleChanged({
      input,
      arn: schedule.arn,
      createdAt: schedule.createdAt,
      lastModifiedAt: schedule.lastModifiedAt,
      cursor: schedule.durableCursor,
    });
  }

  /** The next scheduled time after `afterMs` inside StartDate/EndDate; undefined when none is left. */
  private nextTime(schedule: LocalSchedule, afterMs: number): number | undefined {
    const { expression, StartDate, EndDate, ScheduleExpressionTimezone } = schedule.definition;
    if (expression.kind === 'at') {
      // A one-time schedule fires once (after its creation or last update: the cursor moves past
      // that moment when it fires); one whose time has already passed fires at once.
      if (schedule.cursor > schedule.lastModifiedAt) return undefined;
      const at = nextScheduledTime(expression, Number.NEGATIVE_INFINITY, {
        anchorMs: 0,
        timeZone: ScheduleExpressionTimezone,
      });
      return at === undefined ? undefined : Math.max(at, afterMs);
    }
    const anchorMs =
      expression.kind === 'rate' && StartDate !== undefined ? StartDate - expression.periodMs : schedule.createdAt;
    const from = StartDate !== undefined ? Math.max(afterMs, StartDate - 1) : afterMs;
    const next = nextScheduledTime(expression, from, { anchorMs, timeZone: ScheduleExpressionTimezone });
    if (next === undefined || (EndDate !== undefined && next > EndDate)) return undefined;
    return next;
  }

  private arm(schedule: LocalSchedule): void {
    const scheduledAt = this.nextTime(schedule, schedule.cursor);
    if (scheduledAt === undefined) {
      if (schedule.definition.ActionAfterCompletion === 'DELETE') this.remove(schedule);
      return;
    }
    const window = schedule.definition.FlexibleTimeWindow;
    const windowMs = window.Mode === 'FLEXIBLE' ? (window.MaximumWindowInMinutes ?? 0) * 60_000 : 0;
    const delay = windowMs > 0 ? (this.props.randomDelayMs ?? ((ms) => randomInt(0, ms)))(windowMs) : 0;
    schedule.timer = setTimerAt(this.props.clock, scheduledAt + delay, () => {
      schedule.cursor = Math.max(scheduledAt, schedule.cursor + 1);
      if (schedule.definition.State === 'ENABLED') {
        const invocation = this.invoke(schedule, scheduledAt);
        this.inFlight.add(invocation);
        void invocation.finally(() => {
          this.inFlight.delete(invocation);
          this.afterInvocation(schedule);
        });
      } else {
        this.afterInvocation(schedule);
      }
    });
  }

  private afterInvocation(schedule: LocalSchedule): void {
    const key = keyOf(schedule.definition.GroupName, schedule.definition.Name);
    if (this.schedules.get(key) !== schedule || this.shutdown.signal.aborted) return;
    schedule.durableCursor = schedule.cursor;
    this.journal(schedule);
    this.arm(schedule);
  }

  private async invoke(schedule: LocalSchedule, scheduledAt: number): Promise<void> {
    const { definition } = schedule;
    const executionId = randomUUID();
    const retry = definition.Target.RetryPolicy;
    const maxAttempts = 1 + (retry?.MaximumRetryAttempts ?? DEFAULT_RETRY_ATTEMPTS);
    const maxAgeMs = (retry?.MaximumEventAgeInSeconds ?? DEFAULT_EVENT_AGE_SECONDS) * 1000;
    const started = this.props.clock.now();
    let lastError: ScheduleTargetError | undefined;
    let exhausted = 'MaximumRetryAttempts';
    let attempt = 1;
    for (; attempt <= maxAttempts;) {
      const input = withContext(definition.Target.Input ?? '{}', {
        'schedule-arn': schedule.arn,
        'scheduled-time': formatEventTime(scheduledAt),
        'execution-id': executionId,
        'attempt-number': String(attempt),
      });
      try {
        await this.props.targets.invoke({
          scheduleArn: schedule.arn,
          scheduleName: definition.Name,
          target: schedule.target,
          input,
          roleArn: definition.Target.RoleArn,
          ...(definition.Target.SqsParameters?.MessageGroupId
            ? { messageGroupId: definition.Target.SqsParameters.MessageGroupId }
            : {}),
          ...(definition.Target.EventBridgeParameters ? { eventBridge: definition.Target.EventBridgeParameters } : {}),
        });
        this.props.trace?.record({
          kind: 'schedule.invoked',
          schedule: `${definition.GroupName}/${definition.Name}`,
          target: definition.Target.Arn,
          attempt,
        });
        return;
      } catch (error) {
        lastError =
          error instanceof ScheduleTargetError
            ? error
            : new ScheduleTargetError('InternalFailure', (error as Error)?.message ?? String(error), true);
        if (!lastError.retryable) break;
        const backoff = Math.min(300_000, (this.props.retryBaseMs ?? 1000) * 2 ** (attempt - 1));
        if (this.props.clock.now() + backoff - started > maxAgeMs) {
          exhausted = 'MaximumEventAgeInSeconds';
          break;
        }
        if (attempt === maxAttempts) break;
        try {
          await this.props.clock.sleep(backoff, this.shutdown.signal);
        } catch {
          return;
        }
        attempt++;
      }
    }
    const deadLetterArn = definition.Target.DeadLetterConfig?.Arn;
    this.props.trace?.record({
      kind: 'schedule.failed',
      schedule: `${definition.GroupName}/${definition.Name}`,
      target: definition.Target.Arn,
      attempt,
      ...(lastError ? { errorCode: lastError.code, errorMessage: lastError.message } : {}),
    });
    if (!deadLetterArn || !lastError) return;
    await this.props.targets
      .sendToDeadLetterQueue(deadLetterArn, definition.Target.Input ?? '{}', {
        ERROR_CODE: lastError.code,
        ERROR_MESSAGE: lastError.message,
        EXHAUSTED_RETRY_CONDITION: lastError.retryable ? exhausted : 'NonRetryableError',
        RETRY_ATTEMPTS: String(attempt - 1),
        SCHEDULE_ARN: schedule.arn,
        TARGET_ARN: definition.Target.Arn,
      })
      .catch(() => undefined);
  }
}

function keyOf(groupName: string, name: string): string {
  return `${groupName}/${name}`;
}

/** Fills Scheduler's context attributes (`<aws.scheduler.scheduled-time>`, ...) into a target input. */
function withContext(input: string, context: Readonly<Record<string, string>>): string {
  return input.replace(/<aws\.scheduler\.([a-z-]+)>/g, (whole, key: string) => context[key] ?? whole);
}

function describe(schedule: LocalSchedule): Record<string, unknown> {
  const { definition } = schedule;
  return {
    Arn: schedule.arn,
    Name: definition.Name,
    GroupName: definition.GroupName,
    ScheduleExpression: definition.ScheduleExpression,
    ScheduleExpressionTimezone: definition.ScheduleExpressionTimezone,
    ...(definition.StartDate !== undefined ? { StartDate: definition.StartDate / 1000 } : {}),
    ...(definition.EndDate !== undefined ? { EndDate: definition.EndDate / 1000 } : {}),
    ...(definition.Description !== undefined ? { Description: definition.Description } : {}),
    State: definition.State,
    CreationDate: schedule.createdAt / 1000,
    LastModificationDate: schedule.lastModifiedAt / 1000,
    FlexibleTimeWindow: definition.FlexibleTimeWindow,
    Target: definition.Target,
    ActionAfterCompletion: definition.ActionAfterCompletion,
    ...(definition.KmsKeyArn !== undefined ? { KmsKeyArn: definition.KmsKeyArn } : {}),
  };
}
