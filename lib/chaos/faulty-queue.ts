import type { PolledMessage, PollableQueue, PollOptions } from '../local/event-source-mapping';
import type { FaultInjector } from './fault-injector';
import { recordKey } from './faulty-function-invoker';
import { sagaMetadataOf } from '../saga/saga-metadata';

/** Receipt handles of duplicates start so; deleting one deletes nothing, as a stale handle in SQS. */
const DUPLICATE_HANDLE_PREFIX = 'chaos-duplicate:';

interface HeldMessage {
  readonly message: PolledMessage;
  readonly releaseAt: number;
}

/**
 * A `PollableQueue` that delivers like a worse SQS: a received record may be held back for a
 * while (delayed: it stays in flight in the queue meanwhile), delivered a second time in a later
 * batch (a duplicate with its own receipt handle, whose delete and visibility changes do
 * nothing), and a batch may come shuffled. Receive counts are untouched, so these faults never
 * push a record towards its DLQ.
 */
export class FaultyQueue implements PollableQueue {
  private readonly heldBack: HeldMessage[] = [];
  private duplicates = 0;

  constructor(
    private readonly inner: PollableQueue,
    private readonly injector: FaultInjector,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get arn(): string {
    return this.inner.arn;
  }

  async receive(options: PollOptions): Promise<readonly PolledMessage[]> {
    const max = options.maxNumberOfMessages;
    let delivered = this.takeReleased(max);
    if (delivered.length < max) {
      const received = await this.inner.receive({
        ...options,
        maxNumberOfMessages: max - delivered.length,
        waitTimeMs: delivered.length > 0 ? 0 : this.waitUntilNextRelease(options.waitTimeMs),
      });
      delivered = [...delivered, ...this.admit(received)];
      if (delivered.length === 0) delivered = this.takeReleased(max);
    }
    return this.maybeReorder(delivered);
  }

  // Async, so that a queue error reaches the caller as a rejection, never as a synchronous throw
  // (a heartbeat timer that only catches rejections would otherwise crash on a stale handle).
  async delete(receiptHandle: string): Promise<void> {
    if (receiptHandle.startsWith(DUPLICATE_HANDLE_PREFIX)) return;
    await this.inner.delete(receiptHandle);
  }

  async changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void> {
    if (receiptHandle.startsWith(DUPLICATE_HANDLE_PREFIX)) return;
    await this.inner.changeVisibility(receiptHandle, visibilityTimeoutSeconds);
  }

  /** Applies delay and duplicate decisions to freshly received records; returns those to deliver now. */
  private admit(received: readonly PolledMessage[]): PolledMessage[] {
    const { decider, clock, plan } = this.injector;
    const now = clock.now();
    const deliver: PolledMessage[] = [];
    for (const message of received) {
      const key = `${this.name}|${recordKey(message)}|${message.attributes.ApproximateReceiveCount ?? ''}`;
      const subject = { messageIds: [message.messageId], ...sagaSubject(message) };
      if (decider.decide('delayed-delivery', key)) {
        const [min, max] = plan.delayMs;
        const delayMs = Math.round(min + decider.fraction('delay', key) * (max - min));
        this.hold(message, now + delayMs);
        this.injector.record('delayed-delivery', this.name, `held back ${delayMs} ms`, subject);
        continue;
      }
      deliver.push(message);
      if (decider.decide('duplicate-delivery', key)) {
        const delayMs = Math.round(decider.fraction('duplicate', key) * plan.duplicateDelayMs);
        this.duplicates++;
        this.hold({ ...message, receiptHandle: `${DUPLICATE_HANDLE_PREFIX}${this.duplicates}` }, now + delayMs);
        this.injector.record('duplicate-delivery', this.name, `delivered again after ${delayMs} ms`, subject);
      }
    }
    return deliver;
  }

  private maybeReorder(batch: readonly PolledMessage[]): readonly PolledMessage[] {
    const first = batch[0];
    if (!first || batch.length < 2) return batch;
    const key = `${this.name}|${recordKey(first)}|${first.attributes.ApproximateReceiveCount ?? ''}`;
    if (!this.injector.decider.decide('reordered-delivery', key)) return batch;
    const shuffled = this.injector.decider.shuffle(batch, key);
    if (shuffled.every((message, index) => message === batch[index])) shuffled.reverse();
    this.injector.record('reordered-delivery', this.name, `a batch of ${batch.length} shuffled`, {
      messageIds: shuffled.map((message) => message.messageId),
      sagaEventIds: shuffled.flatMap((message) => sagaMetadataOf(message.body).eventId ?? []),
      correlationIds: shuffled.flatMap((message) => sagaMetadataOf(message.body).correlationId ?? []),
    });
    return shuffled;
  }

  private hold(message: PolledMessage, releaseAt: number): void {
    this.heldBack.push({ message, releaseAt });
    this.injector.holding(1);
  }

  private takeReleased(max: number): PolledMessage[] {
    const now = this.injector.clock.now();
    const released: PolledMessage[] = [];
    for (let index = 0; index < this.heldBack.length && released.length < max;) {
      const held = this.heldBack[index] as HeldMessage;
      if (held.releaseAt <= now) {
        released.push(held.message);
        this.heldBack.splice(index, 1);
        this.injector.holding(-1);
      } else {
        index++;
      }
    }
    return released;
  }

  /** The long poll ends in time for the next held-back record. */
  private waitUntilNextRelease(waitTimeMs: number): number {
    if (this.heldBack.length === 0) return waitTimeMs;
    const next = Math.min(...this.heldBack.map((held) => held.releaseAt));
    return Math.max(0, Math.min(waitTimeMs, next - this.injector.clock.now()));
  }
}

function sagaSubject(message: PolledMessage): { sagaEventIds: string[]; correlationIds: string[] } {
  const metadata = sagaMetadataOf(message.body);
  return {
    sagaEventIds: metadata.eventId ? [metadata.eventId] : [],
    correlationIds: metadata.correlationId ? [metadata.correlationId] : [],
  };
}
