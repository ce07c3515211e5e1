/**
 * Counts deliveries in flight (including those waiting out a retry back-off), so callers can
 * await quiescence: the moment nothing is left to deliver.
 */
export class DeliveryTracker {
  private pending = 0;
  private waiters: (() => void)[] = [];

  /** Deliveries started and not yet finished. */
  get inFlight(): number {
    return this.pending;
  }

  /** Runs `work` counted as in flight until it settles; the promise settles with it (never rejects). */
  track(work: () => Promise<void>): Promise<void> {
    this.pending++;
    return work()
      .catch(() => undefined)
      .finally(() => {
        this.pending--;
        if (this.pending === 0) {
          const waiters = this.waiters;
          this.waiters = [];
          waiters.forEach((resolve) => resolve());
        }
      });
  }

  /** Resolves when no delivery is in flight (at once when none is). */
  whenIdle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
