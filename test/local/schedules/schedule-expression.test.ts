import {
  InvalidScheduleExpressionError,
  nextScheduledTime,
  parseScheduleExpression,
} from '../../../lib/local/eventbridge/schedule-expression';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The next `count` firings of an expression after `from`. */
function firings(text: string, from: string, count: number, timeZone?: string): (string | undefined)[] {
  const expression = parseScheduleExpression(text, { allowAt: true });
  const out: (string | undefined)[] = [];
  let after = at(from);
  for (let index = 0; index < count; index++) {
    const next = nextScheduledTime(expression, after, { anchorMs: at(from), timeZone });
    out.push(iso(next));
    if (next === undefined) break;
    after = next;
  }
  return out;
}

describe('schedule expressions (EventBridge user guide: "Rate expressions", "Cron expressions"; Scheduler user guide: "Schedule types")', () => {
  it.each([
    'rate(5 minutez)',
    'rate(1 minutes)',
    'rate(5 minute)',
    'rate(0 minutes)',
    'rate(-1 minutes)',
    'rate(5)',
    'rate(minutes)',
    'cron(0 12 * * ?)',
    'cron(0 12 * * * *)',
    'cron(0 12 ? * ? *)',
    'cron(60 12 * * ? *)',
    'cron(0 24 * * ? *)',
    'cron(0 12 32 * ? *)',
    'cron(0 12 ? * 8 *)',
    'cron(0 12 ? FOO * *)',
    'daily',
    'at(2026-02-30T10:00:00)',
  ])('refuses %s as AWS does', (text) => {
    expect(() => parseScheduleExpression(text, { allowAt: true })).toThrow(InvalidScheduleExpressionError);
  });

  it.each([
    'rate(1 minute)',
    'rate(5 minutes)',
    'rate(1 hour)',
    'rate(12 hours)',
    'rate(1 day)',
    'rate(7 days)',
    'cron(0 12 * * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(15 10 ? * 6L 2026-2030)',
    'cron(0 10 L * ? *)',
    'cron(0 10 15W * ? *)',
    'cron(0 10 ? * 3#2 *)',
    'cron(0,30 9-17 ? JAN,JUL MON *)',
  ])('accepts %s', (text) => {
    expect(parseScheduleExpression(text).text).toBe(text);
  });

  it('refuses at(...) on rules and accepts it on Scheduler', () => {
    expect(() => parseScheduleExpression('at(2026-03-01T10:00:00)')).toThrow(InvalidScheduleExpressionError);
    expect(parseScheduleExpression('at(2026-03-01T10:00:00)', { allowAt: true }).kind).toBe('at');
  });

  it('counts rate periods from the anchor', () => {
    expect(firings('rate(5 minutes)', '2026-01-31T12:00:10Z', 3)).toEqual([
      '2026-01-31T12:05:10.000Z',
      '2026-01-31T12:10:10.000Z',
      '2026-01-31T12:15:10.000Z',
    ]);
  });

  it('fires a cron on the minutes it names, in UTC by default', () => {
    expect(firings('cron(0/15 * * * ? *)', '2026-01-31T12:07:30Z', 3)).toEqual([
      '2026-01-31T12:15:00.000Z',
      '2026-01-31T12:30:00.000Z',
      '2026-01-31T12:45:00.000Z',
    ]);
    expect(firings('cron(0 18 ? * MON-FRI *)', '2026-01-30T19:00:00Z', 2)).toEqual([
      '2026-02-02T18:00:00.000Z', // Friday 30 Jan after 18:00 → Monday
      '2026-02-03T18:00:00.000Z',
    ]);
  });

  it('reads day wildcards: last day, nearest weekday, nth and last weekday of the month', () => {
    expect(firings('cron(0 10 L * ? *)', '2026-02-01T00:00:00Z', 1)).toEqual(['2026-02-28T10:00:00.000Z']);
    // 15 Feb 2026 is a Sunday: the nearest weekday is Monday 16th.
    expect(firings('cron(0 10 15W * ? *)', '2026-02-01T00:00:00Z', 1)).toEqual(['2026-02-16T10:00:00.000Z']);
    // Second Tuesday (3#2) of February 2026 is the 10th; its last Friday (6L) the 27th.
    expect(firings('cron(0 10 ? * 3#2 *)', '2026-02-01T00:00:00Z', 1)).toEqual(['2026-02-10T10:00:00.000Z']);
    expect(firings('cron(0 10 ? * 6L *)', '2026-02-01T00:00:00Z', 1)).toEqual(['2026-02-27T10:00:00.000Z']);
  });

  it('runs a cron in its time zone across a daylight-saving change (Scheduler ScheduleExpressionTimezone)', () => {
    // 09:00 in New York is 14:00 UTC in winter and 13:00 UTC after 8 March 2026.
    expect(firings('cron(0 9 * * ? *)', '2026-03-06T15:00:00Z', 3, 'America/New_York')).toEqual([
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
  });

  it('names one time for at(...), read in its time zone, and nothing after it', () => {
    expect(firings('at(2026-03-01T10:00:00)', '2026-02-01T00:00:00Z', 2, 'Europe/Paris')).toEqual([
      '2026-03-01T09:00:00.000Z',
      undefined,
    ]);
  });

  it('ends a cron whose years are over', () => {
    expect(firings('cron(0 10 1 1 ? 2026)', '2026-06-01T00:00:00Z', 1)).toEqual([undefined]);
  });
});
