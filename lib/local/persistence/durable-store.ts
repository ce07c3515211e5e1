/**
 * Where the local cloud's state goes under `--data`. Services stage their changes as they make
 * them (`put`, `del`: synchronous, no I/O); the changes staged meanwhile are written together in
 * one batch (a group commit), and `commit()` resolves once the batch holding every change staged
 * so far is written. The endpoint awaits it before it answers, so whatever the API said 200 to
 * is on disk before the caller hears it.
 *
 * Without `--data` the store is {@link NO_PERSISTENCE}: staging does nothing and `enabled` is
 * false, so callers can skip even building the records.
 */
export interface DurableStore {
  /** Whether anything is kept; false without `--data`. */
  readonly enabled: boolean;
  /**
   * Stages a write of `key`. `value` is called when the batch is written, so the record is the
   * object's state at that moment and many changes of one key cost one write.
   */
  put(key: string, value: () => unknown): void;
  /** Stages a delete of `key`. */
  del(key: string): void;
  /**
   * Resolves when every change staged until now is written (`undefined` when nothing is to
   * wait for, so a caller without persistence pays no microtask).
   */
  commit(): Promise<void> | undefined;
  /** The records whose keys start with `prefix`, in key order. */
  load(prefix: string): Promise<[key: string, value: unknown][]>;
  /** Writes what is staged and closes the store. */
  close(): Promise<void>;
}

/** The store of a local cloud without `--data`: keeps nothing, costs nothing. */
export const NO_PERSISTENCE: DurableStore = {
  enabled: false,
  put: () => undefined,
  del: () => undefined,
  commit: () => undefined,
  load: () => Promise.resolve([]),
  close: () => Promise.resolve(),
};
