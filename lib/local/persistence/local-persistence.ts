import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { NO_PERSISTENCE, type DurableStore } from './durable-store';
import { BusStore } from './bus-store';
import { EventOutboxStore } from './event-outbox-store';
import { ExecutionStore } from './execution-store';
import { LevelStore } from './level-store';
import { LogGroupStore } from './log-group-store';
import { PipeStore } from './pipe-store';
import { RuleStore } from './rule-store';
import { ScheduleStore } from './schedule-store';
import { StateMachineStore } from './state-machine-store';
import { SqsStore } from './sqs-store';
import { TransactionUndoStore } from './transaction-undo-store';

const CLOCK_KEY = 'clock';
/** How often AWS time is written down when nothing else is (wall ms). */
const CLOCK_TICK_MS = 1000;

export interface LocalPersistenceOptions {
  /** `--data`: the state goes to `<dataDirectory>/state`. @default - nothing is kept */
  readonly dataDirectory?: string;
  /** fsync every batch (see {@link LevelStoreOptions.sync}). @default false */
  readonly sync?: boolean;
}

/** What a restart brought back, for the startup notes. */
export interface RestoredState {
  readonly messages: number;
  readonly pendingEvents: number;
  /** Executions that were running and resume. */
  readonly executions: number;
}

/**
 * The local cloud's state under `--data`: one embedded store (LevelDB) written in group-committed
 * batches, and the per-service stores that journal into it and bring the state back at start.
 * AWS time is saved with every batch (and every second), so after a restart the clock goes on
 * from where it was: delays and visibility timeouts continue rather than start over.
 *
 * Without `--data` every part is absent and the store is {@link NO_PERSISTENCE}.
 */
export class LocalPersistence {
  readonly sqs?: SqsStore;
  readonly events?: EventOutboxStore;
  readonly executions?: ExecutionStore;
  readonly transactions?: TransactionUndoStore;
  readonly rules?: RuleStore;
  readonly buses?: BusStore;
  readonly schedules?: ScheduleStore;
  readonly logGroups?: LogGroupStore;
  readonly pipes?: PipeStore;
  readonly stateMachines?: StateMachineStore;
  private tick?: NodeJS.Timeout;

  private constructor(
    readonly store: DurableStore,
    /** The AWS time saved by the previous run, if any. */
    readonly savedClock: number | undefined,
    /** The clock whose time each batch saves, once `keepClock` names it. */
    private readonly kept: { clock?: Clock } = {},
  ) {
    if (store.enabled) {
      this.sqs = new SqsStore(store);
      this.events = new EventOutboxStore(store);
      this.executions = new ExecutionStore(store);
      this.transactions = new TransactionUndoStore(store);
      this.rules = new RuleStore(store);
      this.buses = new BusStore(store);
      this.schedules = new ScheduleStore(store);
      this.logGroups = new LogGroupStore(store);
      this.pipes = new PipeStore(store);
      this.stateMachines = new StateMachineStore(store);
    }
  }

  /** Opens the store of `--data` (or none). */
  static async open(options: LocalPersistenceOptions): Promise<LocalPersistence> {
    if (options.dataDirectory === undefined) return new LocalPersistence(NO_PERSISTENCE, undefined);
    const directory = join(options.dataDirectory, 'state');
    await mkdir(directory, { recursive: true });
    const kept: { clock?: Clock } = {};
    const store = await LevelStore.open({
      directory,
      sync: options.sync ?? false,
      beforeBatch: (stage) => {
        if (kept.clock) stage(CLOCK_KEY, kept.clock.now());
      },
    });
    const [saved] = await store.load(CLOCK_KEY);
    return new LocalPersistence(store, typeof saved?.[1] === 'number' ? saved[1] : undefined, kept);
  }

  get enabled(): boolean {
    return this.store.enabled;
  }

  /**
   * Where AWS time starts: the saved time when it is ahead of the wall clock (a time scale ran
   * it ahead), so time never goes backwards across a restart.
   */
  clockStart(): number | undefined {
    return this.savedClock === undefined ? undefined : Math.max(this.savedClock, Date.now());
  }

  /** Saves `clock`'s time with every batch, and every second when nothing else is written. */
  keepClock(clock: Clock): void {
    if (!this.enabled) return;
    this.kept.clock = clock;
    this.tick = setInterval(() => this.store.put(CLOCK_KEY, () => clock.now()), CLOCK_TICK_MS);
    this.tick.unref();
  }

  /** Resolves when every change staged so far is written; undefined without `--data`. */
  commit(): Promise<void> | undefined {
    return this.store.commit();
  }

  /** Writes what is staged and closes the store. */
  async close(): Promise<void> {
    clearInterval(this.tick);
    const clock = this.kept.clock;
    if (clock) this.store.put(CLOCK_KEY, () => clock.now());
    await this.store.close();
  }
}
