/** A wall-clock date and time in some time zone (month 1-12, day-of-week 1 = Sunday as in AWS crons). */
export interface ZonedDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Node's Intl knows the IANA zone (`Europe/Paris`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at `epochMs` in `timeZone`. */
export function toZoned(epochMs: number, timeZone: string): ZonedDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/**
 * The instant a wall-clock time in `timeZone` names. A time that a daylight-saving change skips
 * resolves past the gap (02:30 on a spring-forward night is 03:30), as schedulers commonly do.
 */
export function fromZoned(time: ZonedDateTime, timeZone: string): number {
  const asUtc = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  let guess = asUtc - offsetAt(asUtc, timeZone);
  // The offset at the guess may differ (the guess crossed a transition): correct once more.
  guess = asUtc - offsetAt(guess, timeZone);
  return guess;
}

/** Milliseconds the zone is ahead of UTC at `epochMs`. */
function offsetAt(epochMs: number, timeZone: string): number {
  const zoned = toZoned(epochMs, timeZone);
  const wall = Date.UTC(zoned.year, zoned.month - 1, zoned.day, zoned.hour, zoned.minute, zoned.second);
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** Days in a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day of the week of a date, 1 = Sunday ... 7 = Saturday (AWS cron numbering). */
export function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}
