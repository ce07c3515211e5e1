/** Gives back the keys a `KeyedLock.acquire` took. Calling it twice does nothing. */
export type LockRelease = () => void;

/**
 * Exclusive locks on string keys (one per item: table name and item key), taken several at a
 * time. Every caller takes its keys in sorted order, so two transactions over overlapping items
 * wait for each other instead of deadlocking. Waiters are served first come, first served.
 *
 * A promise-based lock written here rather than dynalite's callback `lock` package because the
 * transaction code awaits it and holds it across several dynalite calls.
 */
export class KeyedLock {
  /** Present while a key is held; the array holds the waiters for it. */
  private readonly waiters = new Map<string, Array<() => void>>();

  /** Resolves once every key is held; the release gives them all back. */
  async acquire(keys: Iterable<string>): Promise<LockRelease> {
    const sorted = [...new Set(keys)].sort();
    for (const key of sorted) {
      await this.lockOne(key);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const key of sorted) this.unlockOne(key);
    };
  }

  /** Runs `work` while holding `keys`. */
  async withLock<T>(keys: Iterable<string>, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(keys);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** How many keys are held right now (for tests and diagnostics). */
  get heldCount(): number {
    return this.waiters.size;
  }

  private lockOne(key: string): Promise<void> {
    const queue = this.waiters.get(key);
    if (!queue) {
      this.waiters.set(key, []);
      return Promise.resolve();
    }
    return new Promise((resolve) => queue.push(resolve));
  }

  private unlockOne(key: string): void {
    const next = this.waiters.get(key)?.shift();
    if (next) {
      next();
    } else {
      this.waiters.delete(key);
    }
  }
}
