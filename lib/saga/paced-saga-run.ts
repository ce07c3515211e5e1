import { buildOrderPlaced } from '../../functions/shared/event-builder';
import { EventPublisher } from '../../functions/shared/publisher';
import { busName, EVENT_CONTRACTS, type EventData, type Variant } from '../contracts';
import type { LocalCloud } from '../local/local-cloud';
import { readSagaSnapshot } from './read-saga-snapshot';
import { deadLettersOf, localClients, messagesInFlightOf } from './saga-run';
import type { SagaSnapshot } from './saga-snapshot';
import type { StockSeed } from '../seed/seed-data';
import { ClassifiedError } from '../errors/classified-error';

/** Orders still not terminal when a paced run's deadline passed; retrying the run will not help. */
export class PacedRunTimeoutError extends ClassifiedError {
  override readonly name = 'PacedRunTimeoutError';
  readonly kind = 'refused';
}

export interface PacedSagaRunOptions {
  readonly variant: Variant;
  /** The orders to place, in order. */
  readonly orders: readonly EventData<'OrderPlaced'>[];
  /** Order ids whose OrderPlaced is published twice in a row (a client retry). @default none */
  readonly publishedTwice?: ReadonlySet<string>;
  /**
   * Most orders between their OrderPlaced and their outcome at any time. A burst of hundreds of
   * executions would start hundreds of execution environments at once, which measures the
   * machine's cold starts rather than the saga; a million orders a month is one order every
   * 2.6 s, so a few in flight is already generous.
   * @default 8
   */
  readonly maxInFlight?: number;
  /** The stock the tables were seeded with (for the snapshot). */
  readonly initialStock: readonly StockSeed[];
  /** @default 300000 */
  readonly timeoutMs?: number;
  /** Called each time an order reaches its outcome. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface PacedSagaRunResult {
  readonly variant: Variant;
  readonly orderIds: readonly string[];
  /** The state of the variant's tables once the cloud was quiet. */
  readonly snapshot: SagaSnapshot;
  /** `seq` of the last trace event before the run: the run's trace is every event after it. */
  readonly traceStartSeq: number;
  /** Wall milliseconds from the first publish until the cloud was quiet. */
  readonly wallMs: number;
}

const OUTCOMES: ReadonlySet<string> = new Set([
  EVENT_CONTRACTS.OrderConfirmed.detailType,
  EVENT_CONTRACTS.OrderCancelled.detailType,
]);

/**
 * Places orders on one variant of the saga running on a local cloud, keeping at most
 * `maxInFlight` of them between OrderPlaced and their outcome, then waits until the cloud is
 * quiet and reads the variant's tables. The caller seeds the tables first. An order is done at
 * its OrderConfirmed or OrderCancelled, or when its execution fails.
 *
 * @example
 * const result = await runPacedSaga(cloud, { variant: 'orchestration', orders, initialStock: SEED_STOCK });
 */
export async function runPacedSaga(cloud: LocalCloud, options: PacedSagaRunOptions): Promise<PacedSagaRunResult> {
  const maxInFlight = options.maxInFlight ?? 8;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
    throw new RangeError(`maxInFlight must be a whole number of 1 or more, got '${maxInFlight}'`);
  const timeoutMs = options.timeoutMs ?? 300_000;
  const bus = busName(options.variant);
  const { eventBridge, documentClient } = localClients(cloud);
  const publisher = new EventPublisher({ client: eventBridge, eventBusName: bus });
  const orderIds = options.orders.map((order) => order.orderId);
  const expected = new Set(orderIds);
  const traceStartSeq = cloud.trace.lastSeq;
  const started = Date.now();

  try {
    await new Promise<void>((resolve, reject) => {
      const done = new Set<string>();
      let next = 0;
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        unsubscribe();
        if (error) reject(error);
        else resolve();
      };
      const pump = () => {
        while (!settled && next < options.orders.length && next - done.size < maxInFlight) {
          const order = options.orders[next++]!;
          const event = buildOrderPlaced(order);
          const events = options.publishedTwice?.has(order.orderId) ? [event, event] : [event];
          publisher.publish(events).catch((error: unknown) => finish(error as Error));
        }
        if (done.size === expected.size) finish();
      };
      const unsubscribe = cloud.trace.subscribe((event) => {
        const orderId = event.correlationId;
        if (orderId === undefined || !expected.has(orderId) || done.has(orderId)) return;
        const outcome = event.kind === 'event.put' && event.bus === bus && OUTCOMES.has(event.detailType);
        const failed =
          event.kind === 'execution.failed' && (event.stateMachine.split(':').pop() ?? '').startsWith(`${bus}-`);
        if (!outcome && !failed) return;
        done.add(orderId);
        options.onProgress?.(done.size, expected.size);
        // Publishing from inside a trace listener would re-enter the cloud; do it next tick.
        setImmediate(pump);
      });
      const deadline = setTimeout(() => {
        const missing = orderIds.filter((orderId) => !done.has(orderId));
        finish(
          new PacedRunTimeoutError(
            `${missing.length} of ${orderIds.length} ${options.variant} orders had no outcome after ${timeoutMs} ms: '${missing.slice(0, 5).join("', '")}'`,
          ),
        );
      }, timeoutMs);
      pump();
    });
    // Each order's deadline message waits, delayed, long after the order ended: not work left.
    await cloud.whenQuiet({ timeoutMs, ignoreDelayedMessages: true });
    const wallMs = Date.now() - started;
    const snapshot = await readSagaSnapshot({
      documentClient,
      variant: options.variant,
      initialStock: options.initialStock,
      publishedOrderIds: orderIds,
      expectedPoisonMessages: 0,
      deadLetters: deadLettersOf(cloud, options.variant),
      messagesInFlight: messagesInFlightOf(cloud),
    });
    return { variant: options.variant, orderIds, snapshot, traceStartSeq, wallMs };
  } finally {
    eventBridge.destroy();
    documentClient.destroy();
  }
}
