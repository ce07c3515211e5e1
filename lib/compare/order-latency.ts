import { busName, EVENT_CONTRACTS, type Variant } from '../contracts';
import type { TraceEvent } from '../local/trace';

/** Latency percentiles in wall milliseconds. */
export interface LatencyPercentiles {
  /** Orders whose outcome event was seen. */
  readonly orders: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

const OUTCOMES: ReadonlySet<string> = new Set([
  EVENT_CONTRACTS.OrderConfirmed.detailType,
  EVENT_CONTRACTS.OrderCancelled.detailType,
]);

/**
 * End-to-end latency of each order on one variant, in wall milliseconds: from the first
 * OrderPlaced accepted on the variant's bus to the first OrderConfirmed or OrderCancelled put
 * there, read from the trace (whose times are AWS time, divided here by the time scale).
 */
export function orderLatenciesMs(
  trace: readonly TraceEvent[],
  variant: Variant,
  timeScale: number,
  stage?: string,
): Map<string, number> {
  const bus = busName(variant, stage);
  const placedAt = new Map<string, number>();
  const latencies = new Map<string, number>();
  for (const event of trace) {
    if (event.kind !== 'event.put' || event.bus !== bus || event.correlationId === undefined) continue;
    const orderId = event.correlationId;
    if (event.detailType === EVENT_CONTRACTS.OrderPlaced.detailType) {
      if (!placedAt.has(orderId)) placedAt.set(orderId, event.at);
    } else if (OUTCOMES.has(event.detailType) && !latencies.has(orderId)) {
      const placed = placedAt.get(orderId);
      if (placed !== undefined) latencies.set(orderId, Math.max(0, (event.at - placed) / timeScale));
    }
  }
  return latencies;
}

/** The nearest-rank percentile (`q` in 0..1) of `values`; 0 for none. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** p50, p95, p99 and max of a set of latencies. */
export function latencyPercentiles(latencies: Iterable<number>): LatencyPercentiles {
  const values = [...latencies];
  return {
    orders: values.length,
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    p99: percentile(values, 0.99),
    max: values.length ? Math.max(...values) : 0,
  };
}
