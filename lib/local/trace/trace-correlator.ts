/**
 * How the layer above the emulator tells which of its flows (an order, a request, a job) a
 * trace record belongs to. The emulator knows AWS, not the app: it hands the correlator the
 * documents it sees (a message body as sent, an event as EventBridge built it, an execution's
 * input, one record of a function's payload) and stamps the answer on the trace.
 *
 * @example
 * const cloud = await LocalCloud.start({ correlator: { correlate: (document) => orderIdOf(document) } });
 */
export interface TraceCorrelator {
  /** The flow id a document belongs to, or undefined when it belongs to none. */
  correlate(document: unknown): string | undefined;
  /**
   * The app's own id of an event (stable when the same fact is published again), when the
   * event's detail carries one.
   * @default - none
   */
  appEventIdOf?(event: unknown): string | undefined;
}

/** Correlates nothing: a trace of AWS facts only. */
export const NO_CORRELATION: TraceCorrelator = { correlate: () => undefined };
