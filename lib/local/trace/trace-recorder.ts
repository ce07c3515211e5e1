import type { Clock } from '../clock';
import { NO_CORRELATION, type TraceCorrelator } from './trace-correlator';
import type { TraceEvent, TraceInput, TraceKind } from './trace-event';

export type TraceListener = (event: TraceEvent) => void;

/**
 * Records the trace of a local-cloud run, in memory, queryable in process and exportable as
 * JSON Lines.
 */
export class TraceRecorder {
  private readonly recorded: TraceEvent[] = [];
  private readonly listeners = new Set<TraceListener>();
  private nextSeq = 1;
  /** Correlations already made, by the object the document belongs to (a message, an event). */
  private readonly correlated = new WeakMap<object, string | undefined>();

  constructor(
    private readonly clock: Clock,
    private readonly correlator: TraceCorrelator = NO_CORRELATION,
  ) {}

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
    this.recorded.push(event);
    for (const listener of this.listeners) {
      listener(event);
    }
    return event;
  }

  /** Every event so far, or those of the given kinds. */
  events<K extends TraceKind>(...kinds: K[]): Extract<TraceEvent, { kind: K }>[] {
    if (kinds.length === 0) {
      return [...this.recorded] as Extract<TraceEvent, { kind: K }>[];
    }
    const wanted = new Set<TraceKind>(kinds);
    return this.recorded.filter((event) => wanted.has(event.kind)) as Extract<TraceEvent, { kind: K }>[];
  }

  /** Every event of one flow (one correlation id), in order. */
  forCorrelation(correlationId: string): TraceEvent[] {
    return this.recorded.filter(
      (event) =>
        event.correlationId === correlationId ||
        (event.kind === 'invocation.started' && event.correlationIds.includes(correlationId)),
    );
  }

  get size(): number {
    return this.recorded.length;
  }

  /** Calls `listener` for each event recorded from now on; returns the unsubscribe function. */
  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The whole trace as JSON Lines, one event per line. */
  toJsonLines(): string {
    return this.recorded.map((event) => JSON.stringify(event)).join('\n') + (this.recorded.length ? '\n' : '');
  }
}
