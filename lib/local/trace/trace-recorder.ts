import type { Clock } from '../clock';
import { NO_CORRELATION, type TraceCorrelator } from './trace-correlator';
import type { TraceEvent, TraceInput, TraceKind } from './trace-event';

export type TraceListener = (event: TraceEvent) => void;

/** Records a trace keeps by default: tens of megabytes, minutes of a busy run. */
export const DEFAULT_TRACE_CAPACITY = 200_000;

export interface TraceRecorderOptions {
  /**
   * Records kept in memory; past it the oldest are dropped (and counted in `dropped`).
   * Listeners (`--trace-out`) still see every record.
   * @default 200000
   */
  readonly capacity?: number;
}

/**
 * Records the trace of a local-cloud run, in memory, queryable in process and exportable as
 * JSON Lines. It is a ring buffer: the newest `capacity` records are kept, so a long run's
 * memory stays bounded; `dropped` says how many older ones are gone (a listener such as
 * `--trace-out` streams every one).
 */
export class TraceRecorder {
  /** The kept records, oldest first from `head` (a ring once full). */
  private readonly ring: TraceEvent[] = [];
  private head = 0;
  private readonly capacity: number;
  private droppedCount = 0;
  private readonly listeners = new Set<TraceListener>();
  private nextSeq = 1;
  /** Correlations already made, by the object the document belongs to (a message, an event). */
  private readonly correlated = new WeakMap<object, string | undefined>();

  constructor(
    private readonly clock: Clock,
    private readonly correlator: TraceCorrelator = NO_CORRELATION,
    options: TraceRecorderOptions = {},
  ) {
    const capacity = options.capacity ?? DEFAULT_TRACE_CAPACITY;
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`trace capacity must be a whole number of records of 1 or more, got '${String(capacity)}'`);
    }
    this.capacity = capacity;
  }

  /**
   * The flow id the correlator gives `document`; with `owner`, asked once per owner (a message
   * is traced at every step, its body correlated once).
   */
  correlate(document: unknown, owner?: object): string | undefined {
    if (owner === undefined) return this.correlator.correlate(document);
    if (this.correlated.has(owner)) return this.correlated.get(owner);
    const id = this.correlator.correlate(document);
    this.correlated.set(owner, id);
    return id;
  }

  /**
   * The distinct flow ids of a function payload: one per record of an event source's batch
   * (`Records[].body` for SQS, the record itself otherwise), else of the payload as a whole.
   */
  correlateAll(payload: unknown): string[] {
    const records = (payload as { Records?: unknown } | null | undefined)?.Records;
    const documents = Array.isArray(records)
      ? records.map((record: unknown) => (record as { body?: unknown } | null)?.body ?? record)
      : [payload];
    const ids = new Set<string>();
    for (const document of documents) {
      const id = this.correlator.correlate(document);
      if (id !== undefined) ids.add(id);
    }
    return [...ids];
  }

  /** The app's own id of an event, when the correlator knows one. */
  appEventIdOf(event: unknown): string | undefined {
    return this.correlator.appEventIdOf?.(event);
  }

  /** Stamps `seq` and AWS time on the event, keeps it and tells the listeners. */
  record(input: TraceInput): TraceEvent {
    const event = { ...input, seq: this.nextSeq++, at: this.clock.now() } as TraceEvent;
    if (this.ring.length < this.capacity) {
      this.ring.push(event);
    } else {
      this.ring[this.head] = event;
      this.head = (this.head + 1) % this.capacity;
      this.droppedCount++;
    }
    for (const listener of this.listeners) {
      listener(event);
    }
    return event;
  }

  /** The kept events in order, oldest first. */
  private get recorded(): TraceEvent[] {
    return this.head === 0 ? this.ring : [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
  }

  /** Every kept event, or those of the given kinds (see `dropped` for those no longer kept). */
  events<K extends TraceKind>(...kinds: K[]): Extract<TraceEvent, { kind: K }>[] {
    if (kinds.length === 0) {
      return [...this.recorded] as Extract<TraceEvent, { kind: K }>[];
    }
    const wanted = new Set<TraceKind>(kinds);
    return this.recorded.filter((event) => wanted.has(event.kind)) as Extract<TraceEvent, { kind: K }>[];
  }

  /** Records dropped from memory because the ring was full. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** The `seq` of the latest record (0 before any): later records have a larger one. */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Every event of one flow (one correlation id), in order. */
  forCorrelation(correlationId: string): TraceEvent[] {
    return this.recorded.filter(
      (event) =>
        event.correlationId === correlationId ||
        (event.kind === 'invocation.started' && event.correlationIds.includes(correlationId)),
    );
  }

  /** Records kept in memory now. */
  get size(): number {
    return this.ring.length;
  }

  /** Calls `listener` for each event recorded from now on; returns the unsubscribe function. */
  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The kept trace as JSON Lines, one event per line. */
  toJsonLines(): string {
    const recorded = this.recorded;
    return recorded.map((event) => JSON.stringify(event)).join('\n') + (recorded.length ? '\n' : '');
  }
}
