import { ScaledClock } from '../../../lib/local/clock';
import { LogStore } from '../../../lib/local/logs';

describe('LogStore', () => {
  it('keeps at most maxEventsPerGroup events per group, dropping the oldest first', () => {
    const store = new LogStore({ clock: new ScaledClock(), maxEventsPerGroup: 3 });
    store.ensureLogGroup('/aws/lambda/orders');
    const now = store.now();
    store.putLogEvents(
      '/aws/lambda/orders',
      's',
      [1, 2, 3, 4, 5].map((n) => ({ timestamp: now + n, message: `line ${n}` })),
      true,
    );

    expect(store.events('/aws/lambda/orders').map((event) => event.message)).toEqual(['line 3', 'line 4', 'line 5']);
  });

  it("drops events older than the group's retention (AWS time)", () => {
    const clock = new ScaledClock();
    const store = new LogStore({ clock });
    store.ensureLogGroup('/aws/lambda/orders', { retentionInDays: 1 });
    const day = 24 * 60 * 60 * 1000;
    store.putLogEvents(
      '/aws/lambda/orders',
      's',
      [
        { timestamp: clock.now() - 2 * day, message: 'old' },
        { timestamp: clock.now(), message: 'new' },
      ],
      true,
    );

    expect(store.events('/aws/lambda/orders').map((event) => event.message)).toEqual(['new']);
  });

  it('answers ResourceNotFoundException for a group that does not exist (AWS SDK integration feature: "The specified log group does not exist.")', () => {
    const store = new LogStore({ clock: new ScaledClock() });

    expect(() => store.events('/nope')).toThrow(
      expect.objectContaining({
        code: 'ResourceNotFoundException',
        message: 'The specified log group does not exist.',
      }),
    );
  });

  it('tells its subscribers about every event as it is stored', () => {
    const store = new LogStore({ clock: new ScaledClock() });
    const seen: string[] = [];
    store.subscribe((group, event) => seen.push(`${group}:${event.message}`));
    store.ensureLogGroup('g');
    store.putLogEvents('g', 's', [{ timestamp: store.now(), message: 'hello' }], true);

    expect(seen).toEqual(['g:hello']);
  });
});
