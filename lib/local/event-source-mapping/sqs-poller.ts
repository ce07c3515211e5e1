import type { EventSourceMappingModel } from '../assembly/app-model';
import type { Clock, TimerHandle } from '../clock';
import { compileEventPattern, type CompiledEventPattern } from '../eventbridge/pattern';
import { judgeBatchResponse } from './batch-response';
import type { PolledMessage, PollableQueue } from './pollable-queue';
import { toSqsEventRecord, type SqsEventRecord } from './sqs-event-record';
import { ClassifiedError, isRetryable } from '../../errors/classified-error';

/** What the poller invokes: `LambdaRuntime` fits. A function failure resolves (outcome), never rejects. */
export interface FunctionInvoker {
  invoke(
    functionName: string,
    payload: unknown,
    options: { readonly trigger: string },
  ): Promise<{ readonly outcome: 'success' | 'error' | 'timeout'; readonly result?: unknown }>;
}

/** The settings of a mapping the poller honours (an `EventSourceMappingModel` fits). */
export type SqsMappingSettings = Pick<
  EventSourceMappingModel,
  | 'uuid'
  | 'functionName'
  | 'eventSourceArn'
  | 'batchSize'
  | 'maximumBatchingWindowInSeconds'
  | 'reportBatchItemFailures'
  | 'enabled'
> &
  Partial<Pick<EventSourceMappingModel, 'maximumConcurrency' | 'filterPatterns'>>;

export interface SqsPollerProps {
  readonly mapping: SqsMappingSettings;
  readonly queue: PollableQueue;
  readonly invoker: FunctionInvoker;
  readonly clock: Clock;
  readonly region: string;
  /**
   * Concurrent invocations when the mapping has no `ScalingConfig.MaximumConcurrency` (Lambda
   * starts five pollers and scales up; locally a fixed number is enough).
   * @default 5
   */
  readonly defaultMaximumConcurrency?: number;
  /**
   * Batches in flight at most, whatever MaximumConcurrency allows: the host's share (see
   * `defaultMaxConcurrentBatches`). MaximumConcurrency is an upper bound on AWS too.
   * @default Infinity - MaximumConcurrency alone
   */
  readonly maxConcurrentBatches?: number;
  /** Told about what goes wrong outside the function (queue errors, refused invocations). @default - ignored */
  readonly onError?: (error: Error) => void;
  /**
   * Keep a batch invisible while its invocation runs, by extending the visibility to this many
   * seconds every half of it. On AWS a message never reappears while its invocation runs (the
   * visibility timeout is at least six function timeouts); under a time scale, wall-clock costs
   * such as a cold start are multiplied into AWS time and could outlast the visibility timeout.
   * A function that times out is stopped, so its messages still reappear.
   * @default - no extension: visibility runs from the receive, as on AWS
   */
  readonly visibilityHeartbeatSeconds?: number;
}

export interface SqsPollerStats {
  readonly invocations: number;
  readonly records: number;
  readonly deleted: number;
  /** Records left in the queue after an error, a timeout or a partial batch failure. */
  readonly failedRecords: number;
  readonly invalidResponses: number;
  /** Records deleted without an invocation because no filter matched (FilterCriteria). */
  readonly filteredOut: number;
}

/** A mapping no longer polls because its function cannot be invoked at all (Lambda disables it). */
export class EventSourceMappingDisabledError extends ClassifiedError {
  readonly kind = 'refused';
  constructor(
    readonly uuid: string,
    options: { cause: unknown },
  ) {
    super(
      `event source mapping '${uuid}' is disabled: ${(options.cause as Error)?.message ?? String(options.cause)}`,
      options,
    );
    this.name = 'EventSourceMappingDisabledError';
  }
}

/** The most SQS returns per receive. */
const MAX_RECEIVE = 10;
/** The longest long poll SQS allows (AWS ms). */
const LONG_POLL_MS = 20_000;
/** Lambda's invocation payload limit; the poller stops gathering before it. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * Lambda's SQS poller for one event source mapping. Gathers a batch — up to `batchSize`
 * records, waiting (on the Clock) at most `MaximumBatchingWindowInSeconds` after the first one
 * for more — and invokes the function with an SQS event, with at most `MaximumConcurrency`
 * batches in flight. Then: success deletes the batch (or, with `ReportBatchItemFailures`, only
 * the records not listed in `batchItemFailures`); an error or timeout deletes nothing, so every
 * record reappears after the visibility timeout and the queue's redrive policy counts it.
 */
export class SqsPoller {
  private readonly maximumConcurrency: number;
  private readonly filters: CompiledEventPattern[];
  private readonly counters = {
    invocations: 0,
    records: 0,
    deleted: 0,
    failedRecords: 0,
    invalidResponses: 0,
    filteredOut: 0,
  };
  private state: 'stopped' | 'running' | 'disabled' = 'stopped';
  private abort?: AbortController;
  private loop?: Promise<void>;
  private active = 0;
  private gathered = 0;
  private readonly slotWaiters: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  private readonly dispatches = new Set<Promise<void>>();

  constructor(private readonly props: SqsPollerProps) {
    this.maximumConcurrency = Math.max(
      1,
      Math.min(
        props.mapping.maximumConcurrency ?? props.defaultMaximumConcurrency ?? 5,
        props.maxConcurrentBatches ?? Number.POSITIVE_INFINITY,
      ),
    );
    this.filters = (props.mapping.filterPatterns ?? []).map((pattern) => compileEventPattern(pattern));
  }

  get uuid(): string {
    return this.props.mapping.uuid;
  }

  get status(): 'stopped' | 'running' | 'disabled' {
    return this.state;
  }

  /** Invocations in flight now. */
  get inFlight(): number {
    return this.active;
  }

  /** No invocation in flight and no batch being gathered. */
  get idle(): boolean {
    return this.active === 0 && this.gathered === 0;
  }

  stats(): SqsPollerStats {
    return { ...this.counters };
  }

  /** Starts polling (a disabled mapping, `Enabled: false`, does not start). */
  start(): void {
    if (this.state !== 'stopped' || !this.props.mapping.enabled) {
      return;
    }
    this.state = 'running';
    this.abort = new AbortController();
    this.loop = this.run(this.abort.signal);
  }

  /** Stops polling; resolves when the invocations in flight have ended and their records are settled. */
  async stop(): Promise<void> {
    if (this.state === 'running') {
      this.state = 'stopped';
    }
    this.abort?.abort(new Error('poller stopped'));
    this.slotWaiters.splice(0).forEach((wake) => wake());
    await this.loop;
    await Promise.allSettled([...this.dispatches]);
  }

  /** Resolves when no invocation is in flight and no batch is being gathered. */
  whenIdle(): Promise<void> {
    return this.idle ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (this.state === 'running') {
      await this.freeSlot();
      if (this.state !== 'running') {
        break;
      }
      let batch: PolledMessage[];
      try {
        batch = await this.gather(signal);
      } catch (error) {
        this.gathered = 0;
        this.settleIdle();
        this.report(error);
        await this.props.clock.sleep(1000, signal).catch(() => undefined);
        continue;
      }
      if (batch.length > 0 && this.state !== 'running') {
        // Stopped while gathering: hand the records back rather than hide them for a visibility timeout.
        await this.release(batch);
      } else if (batch.length > 0) {
        const dispatch = this.dispatch(batch);
        this.dispatches.add(dispatch);
        void dispatch.finally(() => this.dispatches.delete(dispatch));
      }
      // Only now: dispatch() has counted the batch as in flight, so idle never shows in between.
      this.gathered = 0;
      this.settleIdle();
    }
    this.settleIdle();
  }

  /** Up to `batchSize` records: long polls for the first, then waits at most the batching window for more. */
  private async gather(signal: AbortSignal): Promise<PolledMessage[]> {
    const { batchSize, maximumBatchingWindowInSeconds, functionName } = this.props.mapping;
    const windowMs = maximumBatchingWindowInSeconds * 1000;
    const batch: PolledMessage[] = [];
    let bytes = 0;
    let deadline = Number.POSITIVE_INFINITY;
    try {
      while (this.state === 'running' && batch.length < batchSize && bytes < MAX_PAYLOAD_BYTES) {
        const remaining = batch.length === 0 ? LONG_POLL_MS : deadline - this.props.clock.now();
        if (batch.length > 0 && remaining <= 0) {
          break;
        }
        const received = await this.props.queue.receive({
          maxNumberOfMessages: Math.min(MAX_RECEIVE, batchSize - batch.length),
          waitTimeMs: Math.min(LONG_POLL_MS, Math.max(0, remaining)),
          receiver: functionName,
          signal,
        });
        if (received.length > 0 && batch.length === 0) {
          deadline = this.props.clock.now() + windowMs;
        }
        for (const message of await this.filter(received)) {
          batch.push(message);
          bytes += Buffer.byteLength(message.body);
        }
        this.gathered = batch.length;
        if (windowMs === 0 && batch.length > 0) {
          break;
        }
      }
    } catch (error) {
      if (signal.aborted) {
        return batch;
      }
      // Records already gathered go back to the queue; the loop reports the error.
      await this.release(batch);
      throw error;
    }
    return batch;
  }

  /** FilterCriteria: records no filter matches are deleted without an invocation, as Lambda does. */
  private async filter(messages: readonly PolledMessage[]): Promise<PolledMessage[]> {
    if (this.filters.length === 0) {
      return [...messages];
    }
    const kept: PolledMessage[] = [];
    for (const message of messages) {
      const record = toSqsEventRecord(message, this.props.queue.arn, this.props.region);
      if (this.filters.some((filter) => filter.matches(filterableRecord(record)))) {
        kept.push(message);
      } else {
        this.counters.filteredOut++;
        await this.props.queue.delete(message.receiptHandle);
      }
    }
    return kept;
  }

  private async dispatch(batch: readonly PolledMessage[]): Promise<void> {
    this.active++;
    const { mapping, queue, invoker } = this.props;
    const records = batch.map((message) => toSqsEventRecord(message, queue.arn, this.props.region));
    this.counters.invocations++;
    this.counters.records += batch.length;
    const stopHeartbeat = this.keepInvisible(batch);
    try {
      let response;
      try {
        response = await invoker.invoke(mapping.functionName, { Records: records }, { trigger: `sqs:${queue.name}` });
      } catch (error) {
        this.counters.failedRecords += batch.length;
        if (!isRetryable(error)) {
          this.disable(error);
          await this.release(batch);
        } else {
          this.report(error);
        }
        return;
      }
      if (response.outcome !== 'success') {
        this.counters.failedRecords += batch.length;
        return;
      }
      const verdict = judgeBatchResponse(
        response.result,
        batch.map((message) => message.messageId),
        mapping.reportBatchItemFailures,
      );
      if (verdict.invalidResponse) {
        this.counters.invalidResponses++;
        this.report(
          new Error(
            `function '${mapping.functionName}' returned an invalid batch response: ${verdict.invalidResponse}`,
          ),
        );
      }
      this.counters.failedRecords += verdict.failed.length;
      const succeeded = new Set(verdict.succeeded);
      for (const message of batch) {
        if (succeeded.has(message.messageId)) {
          try {
            await queue.delete(message.receiptHandle);
            this.counters.deleted++;
          } catch (error) {
            this.report(error);
          }
        }
      }
    } finally {
      stopHeartbeat();
      this.active--;
      this.slotWaiters.shift()?.();
      this.settleIdle();
    }
  }

  /** Extends the batch's visibility every half timeout until the returned function is called. */
  private keepInvisible(batch: readonly PolledMessage[]): () => void {
    const seconds = this.props.visibilityHeartbeatSeconds;
    if (!seconds || seconds <= 0) return () => undefined;
    let timer: TimerHandle | undefined;
    let stopped = false;
    const beat = () => {
      if (stopped) return;
      for (const message of batch) {
        // A stale receipt handle (the message was deleted meanwhile) may throw at once or reject.
        try {
          Promise.resolve(this.props.queue.changeVisibility(message.receiptHandle, seconds)).catch(() => undefined);
        } catch {
          // nothing to keep invisible any more
        }
      }
      timer = this.props.clock.setTimer((seconds * 1000) / 2, beat);
    };
    timer = this.props.clock.setTimer((seconds * 1000) / 2, beat);
    return () => {
      stopped = true;
      timer?.cancel();
    };
  }

  private freeSlot(): Promise<void> {
    return this.active < this.maximumConcurrency
      ? Promise.resolve()
      : new Promise((resolve) => this.slotWaiters.push(resolve));
  }

  /** Makes records visible again at once (they were received but will not be processed). */
  private async release(batch: readonly PolledMessage[]): Promise<void> {
    for (const message of batch) {
      try {
        await this.props.queue.changeVisibility(message.receiptHandle, 0);
      } catch {
        // Already deleted or returned: nothing to hand back.
      }
    }
  }

  private disable(cause: unknown): void {
    this.state = 'disabled';
    this.abort?.abort(cause);
    this.slotWaiters.splice(0).forEach((wake) => wake());
    this.report(new EventSourceMappingDisabledError(this.props.mapping.uuid, { cause }));
  }

  private settleIdle(): void {
    if (this.idle) {
      this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  private report(error: unknown): void {
    this.props.onError?.(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The record as filter patterns see it: a JSON body as an object (`{ "body": { ... } }` patterns). */
function filterableRecord(record: SqsEventRecord): unknown {
  try {
    const body: unknown = JSON.parse(record.body);
    if (body !== null && typeof body === 'object') {
      return { ...record, body };
    }
  } catch {
    // Not JSON: patterns match the body as a string.
  }
  return record;
}
