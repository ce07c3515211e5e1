import type { FunctionInvoker } from '../local/event-source-mapping';
import type { FaultKind } from './fault-kind';
import type { AttemptSubject, FaultInjector } from './fault-injector';
import { sagaMetadataOf } from '../saga/saga-metadata';

/** The invocation faults, in the order their rates slice one draw. */
const INVOCATION_FAULTS: readonly FaultKind[] = [
  'error-before-side-effects',
  'error-after-side-effects',
  'function-timeout',
];

interface SqsRecordView {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody?: string;
  readonly eventSourceARN?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

type InvokeOptions = Parameters<FunctionInvoker['invoke']>[2];
type InvokeOutcome = Awaited<ReturnType<FunctionInvoker['invoke']>>;

/**
 * A `FunctionInvoker` that sometimes fails an SQS invocation: before the handler runs (nothing
 * happened), after it ran (its table writes and events stay, but the batch is retried), or as a
 * timeout (it ran, then the function timeout passed). Each resolves as Lambda reports it, so the
 * poller leaves the whole batch to reappear after the visibility timeout. Never rejects, since a
 * rejection with `retryable: false` would disable the mapping.
 */
export class FaultyFunctionInvoker implements FunctionInvoker {
  constructor(
    private readonly inner: FunctionInvoker,
    private readonly injector: FaultInjector,
  ) {}

  async invoke(functionName: string, payload: unknown, options: InvokeOptions): Promise<InvokeOutcome> {
    const records = sqsRecordsOf(payload);
    const first = records[0];
    if (!first) return this.inner.invoke(functionName, payload, options);
    const subjects: AttemptSubject[] = records.map((record) => ({
      key: `${functionName}|${recordKey(record)}`,
      receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 0),
      ...(record.eventSourceARN ? { queueArn: record.eventSourceARN } : {}),
    }));
    this.injector.noteReceived(subjects);
    const fault = this.injector.decider.choose(INVOCATION_FAULTS, `${subjects[0]?.key}|${subjects[0]?.receiveCount}`);
    if (!fault || !this.injector.mayFailAttempt(functionName, subjects)) {
      return this.inner.invoke(functionName, payload, options);
    }
    this.injector.noteAttemptFailure(subjects);
    const subject = {
      messageIds: records.map((record) => record.messageId),
      sagaEventIds: records.flatMap((record) => sagaMetadataOf(record.body).eventId ?? []),
      correlationIds: records.flatMap((record) => sagaMetadataOf(record.body).correlationId ?? []),
    };
    const batch = `a batch of ${records.length}`;
    if (fault === 'error-before-side-effects') {
      this.injector.record(fault, functionName, `${batch} failed before the handler ran`, subject);
      return { outcome: 'error' };
    }
    const started = this.injector.clock.now();
    await this.inner.invoke(functionName, payload, options);
    if (fault === 'error-after-side-effects') {
      this.injector.record(fault, functionName, `${batch} failed after the handler ran`, subject);
      return { outcome: 'error' };
    }
    const timeoutMs = this.injector.timeoutMs(functionName);
    await this.injector.clock.sleep(Math.max(0, started + timeoutMs - this.injector.clock.now()));
    this.injector.record(fault, functionName, `${batch} timed out after ${timeoutMs / 1000} s`, subject);
    return { outcome: 'timeout' };
  }
}

function sqsRecordsOf(payload: unknown): SqsRecordView[] {
  const records = (payload as { Records?: unknown } | null | undefined)?.Records;
  if (!Array.isArray(records)) return [];
  return records.filter(
    (record): record is SqsRecordView =>
      typeof (record as SqsRecordView | null)?.messageId === 'string' &&
      typeof (record as SqsRecordView).body === 'string',
  );
}

/** The saga event id, stable across runs; the body's MD5 for messages without one (a poison message). */
export function recordKey(record: {
  readonly body: string;
  readonly md5OfBody?: string;
  readonly messageId: string;
}): string {
  return sagaMetadataOf(record.body).eventId ?? record.md5OfBody ?? record.messageId;
}
