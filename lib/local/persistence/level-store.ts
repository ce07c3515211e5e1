import { ClassicLevel } from 'classic-level';
import type { DurableStore } from './durable-store';

export interface LevelStoreOptions {
  /** The directory of the database (created when missing). */
  readonly directory: string;
  /**
   * fsync every batch. Without it a batch is in the operating system's cache when `commit()`
   * resolves: it survives the process being killed (`kill -9`, a crash), not the machine losing
   * power.
   * @default false
   */
  readonly sync?: boolean;
  /** Called with each batch's records just before they are written (the clock adds its time). */
  readonly beforeBatch?: (stage: (key: string, value: unknown) => void) => void;
}

type BatchOperation =
  | { readonly type: 'put'; readonly key: string; readonly value: string }
  | { readonly type: 'del'; readonly key: string };

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * A {@link DurableStore} on LevelDB (classic-level): changes staged between two writes are
 * coalesced by key and written as one atomic batch, the next batch starting as soon as the
 * previous one is written. LevelDB appends each batch to its write-ahead log before applying it,
 * so a batch is all there or not at all after a crash.
 */
export class LevelStore implements DurableStore {
  readonly enabled = true;
  private readonly staged = new Map<string, (() => unknown) | undefined>();
  private writing?: Promise<void>;
  private next?: Deferred;
  private scheduled = false;
  private failure?: unknown;

  private constructor(
    private readonly db: ClassicLevel<string, string>,
    private readonly options: LevelStoreOptions,
  ) {}

  /** Opens (or creates) the database in `options.directory`. */
  static async open(options: LevelStoreOptions): Promise<LevelStore> {
    const db = new ClassicLevel<string, string>(options.directory, { valueEncoding: 'utf8' });
    await db.open();
    return new LevelStore(db, options);
  }

  put(key: string, value: () => unknown): void {
    this.staged.set(key, value);
    this.scheduleCommit();
  }

  del(key: string): void {
    this.staged.set(key, undefined);
    this.scheduleCommit();
  }

  commit(): Promise<void> | undefined {
    if (this.failure !== undefined)
      return Promise.reject(this.failure instanceof Error ? this.failure : new Error(String(this.failure)));
    if (this.staged.size === 0) return this.writing;
    this.next ??= deferred();
    const promise = this.next.promise;
    if (!this.writing) this.write();
    return promise;
  }

  async load(prefix: string): Promise<[string, unknown][]> {
    const records: [string, unknown][] = [];
    for await (const [key, value] of this.db.iterator({ gte: prefix, lt: `${prefix}\uffff` })) {
      records.push([key, JSON.parse(value) as unknown]);
    }
    return records;
  }

  async close(): Promise<void> {
    await this.commit()?.catch(() => undefined);
    await this.writing?.catch(() => undefined);
    await this.db.close();
  }

  /** Changes made outside any API call (a poller's receive, a delivery) are written soon too. */
  private scheduleCommit(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.commit()?.catch(() => undefined);
    });
  }

  private write(): void {
    const waiting = this.next ?? deferred();
    this.next = undefined;
    const operations: BatchOperation[] = [];
    const stage = (key: string, value: unknown) => operations.push({ type: 'put', key, value: JSON.stringify(value) });
    this.options.beforeBatch?.(stage);
    for (const [key, value] of this.staged) {
      if (value === undefined) operations.push({ type: 'del', key });
      else stage(key, value());
    }
    this.staged.clear();
    this.writing = this.db.batch(operations, { sync: this.options.sync ?? false }).then(
      () => {
        this.writing = undefined;
        waiting.resolve();
        if (this.staged.size > 0 && this.next) this.write();
      },
      (error: unknown) => {
        // A store that cannot write says so to every caller from now on, instead of answering
        // 200 for changes it lost.
        this.failure = error;
        this.writing = undefined;
        waiting.reject(error);
        this.next?.reject(error);
      },
    );
  }
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
