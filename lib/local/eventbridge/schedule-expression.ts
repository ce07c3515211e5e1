import { InvalidCronError, parseCron, type CronSchedule } from './schedule-cron';
import { fromZoned, type ZonedDateTime } from './schedule-zoned-time';

/**
 * A schedule expression of EventBridge rules (`rate(...)`, `cron(...)`) or EventBridge Scheduler
 * (those and the one-time `at(yyyy-mm-ddThh:mm:ss)`), parsed once.
 */
export type ScheduleExpression =
  | { readonly kind: 'rate'; readonly text: string; readonly periodMs: number }
  | { readonly kind: 'cron'; readonly text: string; readonly cron: CronSchedule }
  | { readonly kind: 'at'; readonly text: string; readonly at: AtTime };

/** The wall-clock time of `at(...)`, read in the schedule's time zone. */
export type AtTime = ZonedDateTime;

/** Why an expression is refused (the API answers with its own message; this one is for logs and tests). */
export class InvalidScheduleExpressionError extends Error {
  constructor(
    readonly expression: string,
    reason: string,
  ) {
    super(`schedule expression '${expression}' is not valid: ${reason}`);
    this.name = 'InvalidScheduleExpressionError';
  }
}

const UNIT_MS: Readonly<Record<string, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * Parses an expression as AWS validates it: a rate's value is a positive whole number whose unit
 * is singular for 1 and plural otherwise (`rate(1 minute)`, `rate(5 minutes)`; "Rate
 * expressions", EventBridge user guide), a cron has six fields. `at(...)` only when `allowAt`
 * (EventBridge Scheduler's one-time schedules).
 *
 * @throws InvalidScheduleExpressionError
 */
export function parseScheduleExpression(
  text: string,
  options: { readonly allowAt?: boolean } = {},
): ScheduleExpression {
  const match = /^(rate|cron|at)\((.*)\)$/s.exec(text);
  if (!match) throw new InvalidScheduleExpressionError(text, 'it is not rate(...), cron(...) or at(...)');
  const [, kind, inside] = match as unknown as [string, 'rate' | 'cron' | 'at', string];
  if (kind === 'rate') return { kind, text, periodMs: parseRate(text, inside) };
  if (kind === 'cron') {
    try {
      return { kind, text, cron: parseCron(inside) };
    } catch (error) {
      if (error instanceof InvalidCronError) throw new InvalidScheduleExpressionError(text, error.message);
      throw error;
    }
  }
  if (!options.allowAt) throw new InvalidScheduleExpressionError(text, 'one-time at(...) schedules are Scheduler only');
  return { kind, text, at: parseAt(text, inside) };
}

function parseRate(text: string, inside: string): number {
  const rate = /^(\d+) (minute|hour|day)(s?)$/.exec(inside);
  if (!rate) throw new InvalidScheduleExpressionError(text, 'a rate is "<number> minute(s)|hour(s)|day(s)"');
  const [, valueText, unit, plural] = rate as unknown as [string, string, string, string];
  const value = Number(valueText);
  if (value < 1) throw new InvalidScheduleExpressionError(text, 'the value must be positive');
  if ((value === 1) !== (plural === '')) {
    throw new InvalidScheduleExpressionError(text, 'the unit is singular for 1 and plural otherwise');
  }
  return value * (UNIT_MS[unit] as number);
}

function parseAt(text: string, inside: string): AtTime {
  const at = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(inside);
  if (!at) throw new InvalidScheduleExpressionError(text, 'a one-time schedule is at(yyyy-mm-ddThh:mm:ss)');
  const [year, month, day, hour, minute, second] = at.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new InvalidScheduleExpressionError(text, 'the date or time does not exist');
  }
  return { year, month, day, hour, minute, second };
}

/**
 * The first time the expression names strictly after `afterMs`. A rate counts whole periods from
 * `anchorMs` (when the rule or schedule was created, or its start date); `at` names its one time.
 */
export function nextScheduledTime(
  expression: ScheduleExpression,
  afterMs: number,
  options: { readonly anchorMs: number; readonly timeZone?: string },
): number | undefined {
  const timeZone = options.timeZone ?? 'UTC';
  switch (expression.kind) {
    case 'rate': {
      const periods = Math.max(1, Math.floor((afterMs - options.anchorMs) / expression.periodMs) + 1);
      return options.anchorMs + periods * expression.periodMs;
    }
    case 'cron':
      return expression.cron.nextAfter(afterMs, timeZone);
    case 'at': {
      const at = fromZoned(expression.at, timeZone);
      return at > afterMs ? at : undefined;
    }
  }
}
