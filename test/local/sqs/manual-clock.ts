import type { Clock, TimerHandle } from '../../../lib/local/clock';

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * A clock whose AWS time moves only when the test says so, so that "not yet visible" and
 * "visible again" assertions do not depend on how busy the machine is.
 */
export class ManualClock implements Clock {
  readonly timeScale = 1;
  private current: number;
  private timers: PendingTimer[] = [];
  private seq = 0;

  constructor(startAt = Date.parse('2026-01-31T12:00:00Z')) {
    this.current = startAt;
  }

  now(): number {
    return this.current;
  }

  toWallMs(awsMs: number): number {
    return Math.max(0, awsMs);
  }

  setTimer(awsMs: number, callback: () => void): TimerHandle {
    const timer = { at: this.current + Math.max(0, awsMs), seq: this.seq++, callback };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((candidate) => candidate !== timer)) };
  }

  sleep(awsMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const timer = this.setTimer(awsMs, resolve);
      signal?.addEventListener(
        'abort',
        () => {
          timer.cancel();
          reject(signal.reason as Error);
        },
        { once: true },
      );
    });
  }

  /** Timers not yet fired. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves AWS time forward, firing due timers in order and letting their continuations run. */
  async advance(awsMs: number): Promise<void> {
    const target = this.current + awsMs;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
      await settle();
    }
    this.current = target;
    await settle();
  }

  /** Waits (in wall time) until at least `count` timers are pending, e.g. a long poll has arrived. */
  async waitForTimers(count: number): Promise<void> {
    while (this.timers.length < count) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
