import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../../lib/local/clock';
import type {
  PollableQueue,
  PolledMessage,
  PolledMessageAttribute,
  PollOptions,
} from '../../../lib/local/event-source-mapping';

interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentTimestamp: number;
  readonly messageAttributes: Record<string, PolledMessageAttribute>;
  visibleAt: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  receiptHandle?: string;
}

/**
 * A small in-memory SQS queue on the Clock, for poller tests: visibility timeout, receive
 * counts and long polling (woken by a send, re-checked every AWS second).
 */
export class InMemoryQueue implements PollableQueue {
  readonly arn: string;
  readonly deleted: string[] = [];
  readonly visibilityChanges: { messageId: string; seconds: number }[] = [];
  private readonly messages = new Map<string, StoredMessage>();
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly clock: Clock,
    readonly name: string,
    private readonly visibilityTimeoutSeconds = 30,
  ) {
    this.arn = `arn:aws:sqs:us-east-1:000000000000:${name}`;
  }

  /** Sends a message; returns its id. */
  send(body: string, messageAttributes: Record<string, PolledMessageAttribute> = {}): string {
    const messageId = randomUUID();
    this.messages.set(messageId, {
      messageId,
      body,
      sentTimestamp: this.clock.now(),
      messageAttributes,
      visibleAt: 0,
      receiveCount: 0,
    });
    this.wakers.forEach((wake) => wake());
    return messageId;
  }

  /** Ids of the messages still in the queue. */
  remaining(): string[] {
    return [...this.messages.keys()];
  }

  async receive(options: PollOptions): Promise<PolledMessage[]> {
    const deadline = this.clock.now() + options.waitTimeMs;
    for (;;) {
      const taken = this.take(options.maxNumberOfMessages);
      if (taken.length > 0 || this.clock.now() >= deadline || options.signal?.aborted) {
        return taken;
      }
      await new Promise<void>((resolve) => {
        const timer = this.clock.setTimer(Math.min(1000, deadline - this.clock.now()), done);
        const onAbort = () => done();
        function done() {
          timer.cancel();
          options.signal?.removeEventListener('abort', onAbort);
          wakers.delete(done);
          resolve();
        }
        const wakers = this.wakers;
        wakers.add(done);
        options.signal?.addEventListener('abort', onAbort);
      });
    }
  }

  delete(receiptHandle: string): void {
    for (const message of this.messages.values()) {
      if (message.receiptHandle === receiptHandle) {
        this.messages.delete(message.messageId);
        this.deleted.push(message.messageId);
      }
    }
  }

  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void {
    for (const message of this.messages.values()) {
      if (message.receiptHandle === receiptHandle) {
        message.visibleAt = this.clock.now() + visibilityTimeoutSeconds * 1000;
        this.visibilityChanges.push({ messageId: message.messageId, seconds: visibilityTimeoutSeconds });
      }
    }
  }

  private take(max: number): PolledMessage[] {
    const now = this.clock.now();
    const taken: PolledMessage[] = [];
    for (const message of this.messages.values()) {
      if (taken.length >= max) break;
      if (message.visibleAt > now) continue;
      message.receiveCount++;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + this.visibilityTimeoutSeconds * 1000;
      message.receiptHandle = `${message.messageId}#${message.receiveCount}`;
      taken.push({
        messageId: message.messageId,
        receiptHandle: message.receiptHandle,
        body: message.body,
        md5OfBody: createHash('md5').update(message.body).digest('hex'),
        attributes: {
          SenderId: 'AIDAEVENTS',
          ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp),
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentTimestamp),
        },
        messageAttributes: message.messageAttributes,
      });
    }
    return taken;
  }
}
