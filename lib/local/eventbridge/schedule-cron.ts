import { dayOfWeek, daysInMonth, fromZoned, toZoned } from './schedule-zoned-time';

/**
 * An AWS cron expression (EventBridge rules and EventBridge Scheduler): six fields, `minutes
 * hours day-of-month month day-of-week year`, with the wildcards `, - * / ? L W #`; exactly one
 * of day-of-month and day-of-week is `?` ("Cron expressions", EventBridge user guide).
 */
export interface CronSchedule {
  /** The next minute after `afterMs` (strictly) that the expression names in `timeZone`; undefined when none is left. */
  nextAfter(afterMs: number, timeZone: string): number | undefined;
}

/** The expression is not one AWS accepts; the message says why (for logs, not for the API). */
export class InvalidCronError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidCronError';
  }
}

type DayMatcher = (year: number, month: number, day: number) => boolean;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const LAST_YEAR = 2199;

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MINUTES: FieldSpec = { name: 'minutes', min: 0, max: 59 };
const HOURS: FieldSpec = { name: 'hours', min: 0, max: 23 };
const DAYS_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = { name: 'month', min: 1, max: 12, names: MONTHS };
const DAYS_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS };
const YEARS: FieldSpec = { name: 'year', min: 1970, max: LAST_YEAR };

/** Parses the inside of `cron(...)`. @throws InvalidCronError */
export function parseCron(text: string): CronSchedule {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new InvalidCronError(`a cron expression has 6 fields, got ${fields.length}`);
  }
  const [minutes, hours, dayOfMonth, month, weekday, year] = fields as [string, string, string, string, string, string];
  if ((dayOfMonth === '?') === (weekday === '?')) {
    throw new InvalidCronError('exactly one of day-of-month and day-of-week must be ?');
  }
  const minuteSet = [...parseValues(minutes, MINUTES)].sort((a, b) => a - b);
  const hourSet = [...parseValues(hours, HOURS)].sort((a, b) => a - b);
  const monthSet = parseValues(month, MONTH);
  const yearSet = parseValues(year, YEARS);
  const dayMatcher = dayOfMonth === '?' ? parseWeekday(weekday) : parseDayOfMonth(dayOfMonth);
  return {
    nextAfter(afterMs, timeZone) {
      const start = toZoned(afterMs, timeZone);
      let { year: y, month: m, day: d } = start;
      while (y <= LAST_YEAR) {
        if (!yearSet.has(y)) {
          [y, m, d] = [y + 1, 1, 1];
          continue;
        }
        if (!monthSet.has(m)) {
          [y, m, d] = m === 12 ? [y + 1, 1, 1] : [y, m + 1, 1];
          continue;
        }
        if (d <= daysInMonth(y, m) && dayMatcher(y, m, d)) {
          const firstDay = y === start.year && m === start.month && d === start.day;
          for (const hour of hourSet) {
            for (const minute of minuteSet) {
              if (firstDay && hour * 60 + minute < start.hour * 60 + start.minute) continue;
              const at = fromZoned({ year: y, month: m, day: d, hour, minute, second: 0 }, timeZone);
              if (at > afterMs) return at;
            }
          }
        }
        if (d >= daysInMonth(y, m)) [y, m, d] = m === 12 ? [y + 1, 1, 1] : [y, m + 1, 1];
        else d++;
      }
      return undefined;
    },
  };
}

function parseValues(field: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || range === undefined || range === '') {
      throw new InvalidCronError(`'${item}' is not a valid ${spec.name} value`);
    }
    const step = stepText === undefined ? 1 : parseNumber(stepText, spec, 1, spec.max - spec.min + 1);
    let from: number;
    let to: number;
    if (range === '*') {
      [from, to] = [spec.min, spec.max];
    } else if (range.includes('-')) {
      const [low, high, rest] = range.split('-');
      if (rest !== undefined || low === undefined || high === undefined) {
        throw new InvalidCronError(`'${item}' is not a valid ${spec.name} range`);
      }
      [from, to] = [parseValue(low, spec), parseValue(high, spec)];
      if (from > to) throw new InvalidCronError(`'${item}' is an empty ${spec.name} range`);
    } else {
      from = parseValue(range, spec);
      // `5/15` means from 5 to the end in steps of 15.
      to = stepText === undefined ? from : spec.max;
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

function parseValue(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1;
  return parseNumber(text, spec, spec.min, spec.max);
}

function parseNumber(text: string, spec: FieldSpec, min: number, max: number): number {
  if (!/^\d+$/.test(text)) throw new InvalidCronError(`'${text}' is not a valid ${spec.name} value`);
  const value = Number(text);
  if (value < min || value > max) throw new InvalidCronError(`${spec.name} value ${value} is out of range`);
  return value;
}

/** Day-of-month: values, `L` (last day), `LW` (last weekday), `15W` (the weekday nearest the 15th). */
function parseDayOfMonth(field: string): DayMatcher {
  if (field === 'L') return (year, month, day) => day === daysInMonth(year, month);
  if (field === 'LW') return (year, month, day) => day === lastWeekday(year, month);
  const nearest = /^(\d{1,2})W$/.exec(field);
  if (nearest) {
    const target = parseNumber(nearest[1] as string, DAYS_OF_MONTH, 1, 31);
    return (year, month, day) => day === nearestWeekday(year, month, target);
  }
  const days = parseValues(field, DAYS_OF_MONTH);
  return (_year, _month, day) => days.has(day);
}

/** Day-of-week: values (1 = SUN), `L` (Saturday), `6L` (the last Friday), `3#2` (the second Tuesday). */
function parseWeekday(field: string): DayMatcher {
  if (field === 'L') return (year, month, day) => dayOfWeek(year, month, day) === 7;
  const last = /^(\w{1,3})L$/.exec(field);
  if (last) {
    const weekday = parseValue(last[1] as string, DAYS_OF_WEEK);
    return (year, month, day) => dayOfWeek(year, month, day) === weekday && day + 7 > daysInMonth(year, month);
  }
  const nth = /^(\w{1,3})#(\d)$/.exec(field);
  if (nth) {
    const weekday = parseValue(nth[1] as string, DAYS_OF_WEEK);
    const which = parseNumber(nth[2] as string, DAYS_OF_WEEK, 1, 5);
    return (year, month, day) => dayOfWeek(year, month, day) === weekday && Math.ceil(day / 7) === which;
  }
  const weekdays = parseValues(field, DAYS_OF_WEEK);
  return (year, month, day) => weekdays.has(dayOfWeek(year, month, day));
}

function lastWeekday(year: number, month: number): number {
  let day = daysInMonth(year, month);
  while (dayOfWeek(year, month, day) === 1 || dayOfWeek(year, month, day) === 7) day--;
  return day;
}

/** The weekday nearest `target` without leaving the month (the `W` wildcard). */
function nearestWeekday(year: number, month: number, target: number): number {
  const last = daysInMonth(year, month);
  const day = Math.min(target, last);
  const weekday = dayOfWeek(year, month, day);
  if (weekday === 7) return day === 1 ? 3 : day - 1;
  if (weekday === 1) return day === last ? day - 2 : day + 1;
  return day;
}
