import type { Clock } from '../clock';
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

  constructor(private readonly clock: Clock) {}

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

  /** Every event of one saga (one order id), in order. */
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
