import { ScaledClock } from '../../../lib/local/clock';

describe('the scaled clock of the local cloud', () => {
  it('never fires a timer before its AWS deadline, however the wall timers round', async () => {
    // Prepare: at time scale 100, 750 AWS ms are 7.5 wall ms, a fraction Node's timers round
    const clock = new ScaledClock({ timeScale: 100 });
    const early: number[] = [];

    // Act
    for (let round = 0; round < 40; round++) {
      const deadline = clock.now() + 750;
      await new Promise<void>((resolve) => clock.setTimer(750, resolve));
      if (clock.now() < deadline) early.push(deadline - clock.now());
    }

    // Assess
    expect(early).toEqual([]);
  });

  it('runs a cancelled timer never, even when it was re-armed', async () => {
    // Prepare
    const clock = new ScaledClock({ timeScale: 100 });
    let fired = false;

    // Act
    const timer = clock.setTimer(500, () => (fired = true));
    await new Promise((resolve) => setTimeout(resolve, 2));
    timer.cancel();
    await clock.sleep(1500);

    // Assess
    expect(fired).toBe(false);
  });

  it('makes AWS time pass time-scale times faster than wall time', async () => {
    // Prepare
    const clock = new ScaledClock({ timeScale: 100, startAt: 0 });
    const wallStart = performance.now();

    // Act
    await clock.sleep(5000);

    // Assess: 5 AWS seconds are 50 wall ms, give or take the timers
    const wallMs = performance.now() - wallStart;
    expect(clock.now()).toBeGreaterThanOrEqual(5000);
    expect(wallMs).toBeGreaterThanOrEqual(49);
    expect(wallMs).toBeLessThan(2000);
  });
});
