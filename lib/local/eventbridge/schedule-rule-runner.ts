import { randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT_ID } from '../arn';
import type { Clock, TimerHandle } from '../clock';
import { formatEventTime, type EventEnvelope } from './event-envelope';
import type { EventRule } from './event-rule';
import { nextScheduledTime, type ScheduleExpression } from './schedule-expression';
import { setTimerAt } from './schedule-timer';

export interface ScheduleRuleRunnerProps {
  readonly clock: Clock;
  readonly region: string;
  /** Sends the event to the targets of that one rule (a scheduled event matches no pattern). */
  readonly deliver: (rule: EventRule, event: EventEnvelope) => void;
}

interface ArmedRule {
  readonly expression: ScheduleExpression;
  readonly anchorMs: number;
  timer: TimerHandle;
}

/**
 * Fires the rules that have a `ScheduleExpression` on the local clock (its time scale
 * included): rates count whole periods from when the rule was put, crons run in UTC. Each firing
 * sends AWS's scheduled event (source `aws.events`, detail-type `Scheduled Event`, the rule's
 * ARN in `resources`, an empty `detail`, the scheduled time as `time`) to the rule's targets; a
 * DISABLED rule keeps its timer but sends nothing.
 */
export class ScheduleRuleRunner {
  private readonly armed = new Map<EventRule, ArmedRule>();

  constructor(private readonly props: ScheduleRuleRunnerProps) {}

  /** Starts (or keeps, when the expression did not change) the schedule of a rule. */
  arm(rule: EventRule, expression: ScheduleExpression): void {
    const current = this.armed.get(rule);
    if (current?.expression.text === expression.text) return;
    current?.timer.cancel();
    const anchorMs = this.props.clock.now();
    const armed: ArmedRule = { expression, anchorMs, timer: { cancel: () => undefined } };
    this.armed.set(rule, armed);
    this.schedule(rule, armed, anchorMs);
  }

  /** Stops the schedule of a rule (deleted, or no longer scheduled). */
  disarm(rule: EventRule): void {
    this.armed.get(rule)?.timer.cancel();
    this.armed.delete(rule);
  }

  /** The AWS time a rule fires next, when it is armed. */
  nextFiring(rule: EventRule): number | undefined {
    const armed = this.armed.get(rule);
    return armed
      ? nextScheduledTime(armed.expression, this.props.clock.now(), { anchorMs: armed.anchorMs })
      : undefined;
  }

  close(): void {
    for (const armed of this.armed.values()) armed.timer.cancel();
    this.armed.clear();
  }

  private schedule(rule: EventRule, armed: ArmedRule, afterMs: number): void {
    const at = nextScheduledTime(armed.expression, afterMs, { anchorMs: armed.anchorMs });
    if (at === undefined) return;
    armed.timer = setTimerAt(this.props.clock, at, () => {
      if (this.armed.get(rule) !== armed) return;
      if (rule.enabled) this.props.deliver(rule, this.scheduledEvent(rule, at));
      this.schedule(rule, armed, at);
    });
  }

  private scheduledEvent(rule: EventRule, at: number): EventEnvelope {
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: LOCAL_ACCOUNT_ID,
      time: formatEventTime(at),
      region: this.props.region,
      resources: [rule.arn],
      detail: {},
    };
  }
}
