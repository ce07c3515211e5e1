import type { Clock, TimerHandle } from '../clock';

/**
 * The longest single wait handed to the clock, in wall milliseconds: Node's timers overflow
 * above 2^31 - 1 ms (about 24.8 days) and fire at once, and a yearly cron is further away.
 */
const MAX_WALL_WAIT_MS = 2 ** 30;

/**
 * Calls `callback` once AWS time reaches `atMs` (on the next timer turn when it has), waiting in steps short
 * enough for Node's timers; the handle cancels it.
 */
export function setTimerAt(clock: Clock, atMs: number, callback: () => void): TimerHandle {
  let current: TimerHandle | undefined;
  let cancelled = false;
  const wait = () => {
    current = clock.setTimer(Math.max(0, Math.min(atMs - clock.now(), MAX_WALL_WAIT_MS * clock.timeScale)), wake);
  };
  const wake = () => {
    if (cancelled) return;
    if (atMs - clock.now() <= 0) callback();
    else wait();
  };
  wait();
  return {
    cancel: () => {
      cancelled = true;
      current?.cancel();
    },
  };
}
