import type { TraceEvent } from '../lib/local/trace';

/**
 * Latencies read from a local-cloud trace. Trace times are AWS milliseconds; the benchmarks run
 * at time scale 1, where they are wall milliseconds.
 */

const TERMINAL_DETAIL_TYPES: ReadonlySet<string> = new Set(['OrderConfirmed', 'OrderCancelled']);

/**
 * End-to-end milliseconds of each order: from its `OrderPlaced` put to its `OrderConfirmed` or
 * `OrderCancelled` put. Orders that never ended are left out.
 */
export function endToEndLatencies(trace: readonly TraceEvent[], orderIds: Iterable<string>): number[] {
  const wanted = new Set(orderIds);
  const placedAt = new Map<string, number>();
  const endedAt = new Map<string, number>();
  for (const event of trace) {
    if (event.kind !== 'event.put' || !event.correlationId || !wanted.has(event.correlationId)) continue;
    if (event.detailType === 'OrderPlaced' && !placedAt.has(event.correlationId))
      placedAt.set(event.correlationId, event.at);
    if (TERMINAL_DETAIL_TYPES.has(event.detailType) && !endedAt.has(event.correlationId))
      endedAt.set(event.correlationId, event.at);
  }
  return [...endedAt].flatMap(([orderId, end]) => {
    const start = placedAt.get(orderId);
    return start === undefined ? [] : [end - start];
  });
}

/**
 * Milliseconds of one hop for each correlation id: from the event's put on the bus to the start
 * of the first invocation whose batch carries it (bus → rule → queue → poller → function).
 */
export function hopLatencies(trace: readonly TraceEvent[]): number[] {
  const putAt = new Map<string, number>();
  const latencies: number[] = [];
  for (const event of trace) {
    if (event.kind === 'event.put' && event.correlationId && !putAt.has(event.correlationId)) {
      putAt.set(event.correlationId, event.at);
    } else if (event.kind === 'invocation.started') {
      for (const correlationId of event.correlationIds) {
        const start = putAt.get(correlationId);
        if (start === undefined) continue;
        latencies.push(event.at - start);
        putAt.delete(correlationId);
      }
    }
  }
  return latencies;
}

/** The value at percentile `p` (0..100) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}
