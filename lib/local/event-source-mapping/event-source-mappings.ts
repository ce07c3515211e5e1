import { availableParallelism } from 'node:os';
import type { EventSourceMappingModel } from '../assembly/app-model';
import type { Clock } from '../clock';
import type { PollableQueue } from './pollable-queue';
import { SqsPoller, type FunctionInvoker, type SqsPollerStats } from './sqs-poller';

export interface EventSourceMappingsOptions {
  /** The app's mappings (the assembly model's `eventSourceMappings`). */
  readonly mappings: readonly EventSourceMappingModel[];
  /** The queue an SQS ARN names (the local SQS service's lookup). */
  readonly queueByArn: (arn: string) => PollableQueue | undefined;
  /** Invokes functions: the `LambdaRuntime`. */
  readonly invoker: FunctionInvoker;
  readonly clock: Clock;
  readonly region: string;
  /** @default 5 - see SqsPollerProps */
  readonly defaultMaximumConcurrency?: number;
  /** Batches in flight per mapping at most (see `SqsPollerProps.maxConcurrentBatches`). @default Infinity */
  readonly maxConcurrentBatches?: number;
  /** Told about errors outside functions, with the mapping's UUID. @default - ignored */
  readonly onError?: (error: Error, mappingUuid: string) => void;
  /**
   * Seconds to keep a batch invisible while its invocation runs, per queue ARN (see
   * `SqsPollerProps.visibilityHeartbeatSeconds`).
   * @default - none
   */
  readonly visibilityHeartbeatSeconds?: (queueArn: string) => number | undefined;
}

/**
 * The default number of batches one mapping keeps in flight locally: half the host's parallelism,
 * at least 1. On AWS each concurrent batch runs in its own execution environment on its own
 * machine; here every mapping's batches share the host's cores, so batches beyond them add no
 * CPU, only execution environments (each a worker that starts cold, warms its own JIT and keeps
 * its own heap) and smaller batches. Measured on the 2-core machine, choreographed saga, runs of
 * 200 orders after warm-up: 1 batch per mapping 55-73 orders/s at 27-34 ms of CPU per order, 2
 * batches 46 orders/s at 41-42 ms (2026-12-04); earlier, 2 batches vs MaximumConcurrency 5: ~72
 * vs ~115 ms of CPU per order. A queue with a backlog still drains fast: its batches fill up.
 */
export function defaultMaxConcurrentBatches(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

/**
 * Every SQS event source mapping of the app, each an `SqsPoller`. Mappings whose source is not
 * an SQS queue of the local cloud are skipped and listed in `skipped`.
 *
 * @example
 * const mappings = new EventSourceMappings({ mappings: model.eventSourceMappings, queueByArn, invoker: runtime, clock, region });
 * mappings.start();
 * await mappings.whenIdle();
 * await mappings.stop();
 */
export class EventSourceMappings {
  /** UUID → poller. */
  readonly pollers = new Map<string, SqsPoller>();
  /** Mappings not polled, with the reason. */
  readonly skipped: { readonly uuid: string; readonly reason: string }[] = [];

  constructor(options: EventSourceMappingsOptions) {
    for (const mapping of options.mappings) {
      const queue = options.queueByArn(mapping.eventSourceArn);
      if (!queue) {
        this.skipped.push({ uuid: mapping.uuid, reason: `no local queue '${mapping.eventSourceArn}'` });
        continue;
      }
      this.pollers.set(
        mapping.uuid,
        new SqsPoller({
          mapping,
          queue,
          invoker: options.invoker,
          clock: options.clock,
          region: options.region,
          ...(options.defaultMaximumConcurrency !== undefined
            ? { defaultMaximumConcurrency: options.defaultMaximumConcurrency }
            : {}),
          ...(options.maxConcurrentBatches !== undefined ? { maxConcurrentBatches: options.maxConcurrentBatches } : {}),
          onError: (error) => options.onError?.(error, mapping.uuid),
          visibilityHeartbeatSeconds: options.visibilityHeartbeatSeconds?.(mapping.eventSourceArn),
        }),
      );
    }
  }

  start(): void {
    this.pollers.forEach((poller) => poller.start());
  }

  /** Stops every poller and waits for the invocations in flight. */
  async stop(): Promise<void> {
    await Promise.all([...this.pollers.values()].map((poller) => poller.stop()));
  }

  /** Invocations in flight over all mappings. */
  get inFlight(): number {
    return [...this.pollers.values()].reduce((sum, poller) => sum + poller.inFlight, 0);
  }

  /**
   * Resolves when no mapping has an invocation in flight or a batch being gathered. Messages may
   * still wait in queues (visible, delayed or in flight after a failure): check the queues too.
   */
  async whenIdle(): Promise<void> {
    while (![...this.pollers.values()].every((poller) => poller.idle)) {
      await Promise.all([...this.pollers.values()].map((poller) => poller.whenIdle()));
    }
  }

  /** Counters per mapping UUID. */
  stats(): Record<string, SqsPollerStats & { readonly status: string }> {
    return Object.fromEntries(
      [...this.pollers].map(([uuid, poller]) => [uuid, { ...poller.stats(), status: poller.status }]),
    );
  }
}
