import { ScaledClock, type Clock, type ScaledClockOptions, type TimerHandle } from '../local/clock';

/**
 * A `ScaledClock` that can also jump ahead: `advance(6 * 3_600_000)` makes six AWS hours pass at
 * once (an archive replay long after the fact, past any idempotency window). Timers already set
 * keep their wall-clock deadlines; queues compare AWS times when polled, so what became due
 * during the jump is handled on the next poll.
 *
 * @example
 * const clock = new JumpableClock({ timeScale: 20 });
 * const cloud = await LocalCloud.start({ clock });
 * clock.advance(6 * 3_600_000);
 */
export class JumpableClock implements Clock {
  private readonly scaled: ScaledClock;
  private offsetMs = 0;

  constructor(options: ScaledClockOptions = {}) {
    this.scaled = new ScaledClock(options);
  }

  get timeScale(): number {
    return this.scaled.timeScale;
  }

  now(): number {
    return this.scaled.now() + this.offsetMs;
  }

  /** Makes `awsMs` of AWS time pass at once. */
  advance(awsMs: number): void {
    if (!Number.isFinite(awsMs) || awsMs < 0) throw new RangeError(`the clock only moves forward, got '${awsMs}' ms`);
    this.offsetMs += awsMs;
  }

  sleep(awsMs: number, signal?: AbortSignal): Promise<void> {
    return this.scaled.sleep(awsMs, signal);
  }

  setTimer(awsMs: number, callback: () => void): TimerHandle {
    return this.scaled.setTimer(awsMs, callback);
  }

  toWallMs(awsMs: number): number {
    return this.scaled.toWallMs(awsMs);
  }
}
