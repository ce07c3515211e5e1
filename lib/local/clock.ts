/**
 * AWS time for the local cloud. Visibility timeouts, delays, retry back-off, batching windows and
 * function timeouts are expressed in AWS milliseconds; a time scale makes them pass faster than
 * wall time (`timeScale: 100` turns a 30 s visibility timeout into 300 ms), so tests of redrive,
 * retries and timeouts take milliseconds. Real time (`timeScale: 1`) is the default.
 */
export interface Clock {
  /** How many AWS milliseconds pass per wall millisecond. */
  readonly timeScale: number;
  /** AWS time now, in milliseconds since the epoch. */
  now(): number;
  /** Resolves after `awsMs` of AWS time (rejects with the signal's reason when aborted). */
  sleep(awsMs: number, signal?: AbortSignal): Promise<void>;
  /** Calls `callback` after `awsMs` of AWS time; the handle cancels it. */
  setTimer(awsMs: number, callback: () => void): TimerHandle;
  /** The wall milliseconds that `awsMs` of AWS time take. */
  toWallMs(awsMs: number): number;
}

export interface TimerHandle {
  cancel(): void;
}

export interface ScaledClockOptions {
  /**
   * AWS milliseconds per wall millisecond.
   * @default 1 - real time
   */
  readonly timeScale?: number;
  /**
   * The AWS time at which the clock starts, in ms since the epoch.
   * @default - the wall clock's time at construction
   */
  readonly startAt?: number;
}

/**
 * The longest delay Node's timers hold (2^31 - 1 ms, about 24.8 days): a longer one fires at
 * once with a TimeoutOverflowWarning. Longer AWS waits (a state machine's TimeoutSeconds of up
 * to a year) re-arm in steps of at most this.
 */
const MAX_TIMER_WALL_MS = 2 ** 31 - 1;

/** A clock whose AWS time runs `timeScale` times faster than the wall clock. */
export class ScaledClock implements Clock {
  readonly timeScale: number;
  private readonly wallStart = performance.now();
  private readonly awsStart: number;

  constructor(options: ScaledClockOptions = {}) {
    const timeScale = options.timeScale ?? 1;
    if (!Number.isFinite(timeScale) || timeScale <= 0) {
      throw new RangeError(`time scale must be a positive number, got '${String(options.timeScale)}'`);
    }
    this.timeScale = timeScale;
    this.awsStart = options.startAt ?? Date.now();
  }

  now(): number {
    return Math.floor(this.awsStart + (performance.now() - this.wallStart) * this.timeScale);
  }

  toWallMs(awsMs: number): number {
    return Math.max(0, awsMs / this.timeScale);
  }

  sleep(awsMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = () => {
        timer.cancel();
        reject(signal?.reason as Error);
      };
      const timer = this.setTimer(awsMs, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  setTimer(awsMs: number, callback: () => void): TimerHandle {
    const deadline = this.now() + Math.max(0, awsMs);
    let timeout: NodeJS.Timeout;
    // Node's timers count from the event loop's cached time and round to whole milliseconds, so
    // they may fire a little early; under a time scale that is a visible early delivery, which
    // AWS never makes. The timer is re-armed until AWS time has really reached the deadline.
    const arm = (remainingAwsMs: number) => {
      timeout = setTimeout(
        () => {
          const remaining = deadline - this.now();
          if (remaining > 0) arm(remaining);
          else callback();
        },
        Math.min(this.toWallMs(remainingAwsMs), MAX_TIMER_WALL_MS),
      );
      // Timers of the local cloud never keep the process alive on their own.
      timeout.unref();
    };
    arm(Math.max(0, awsMs));
    return { cancel: () => clearTimeout(timeout) };
  }
}
