import type { LocalQueue } from './local-queue';
import type { MessageMoveTask } from './message-move-task';
import type { SqsMessage } from './sqs-message';

/**
 * What a queue tells the store that keeps it under `--data`: every message it takes in, changes
 * (a receive, a visibility change) or lets go (delete, redrive, retention, purge), and its own
 * settings. Calls are synchronous and only stage the change; without `--data` there is none.
 */
export interface QueueJournal {
  messageChanged(queue: LocalQueue, message: SqsMessage): void;
  messageRemoved(queue: LocalQueue, message: SqsMessage): void;
  queueChanged(queue: LocalQueue): void;
  queueDeleted(queue: LocalQueue): void;
  /** A FIFO queue saw a deduplication id, which it remembers until `expiresAt` (AWS ms). */
  deduplicationRecorded(queue: LocalQueue, deduplicationId: string, expiresAt: number, sequence: number): void;
  deduplicationExpired(queue: LocalQueue, deduplicationId: string): void;
  /** A message move task started, moved messages or ended. */
  moveTaskChanged(task: MessageMoveTask): void;
}

/**
 * The messages of one queue by id, in arrival order, telling the journal of every entry that
 * comes and goes.
 */
export class JournaledMessages extends Map<string, SqsMessage> {
  constructor(
    private readonly queue: LocalQueue,
    private readonly journal: QueueJournal | undefined,
  ) {
    super();
  }

  override set(messageId: string, message: SqsMessage): this {
    super.set(messageId, message);
    this.journal?.messageChanged(this.queue, message);
    return this;
  }

  override delete(messageId: string): boolean {
    const message = this.get(messageId);
    if (message === undefined) return false;
    super.delete(messageId);
    this.journal?.messageRemoved(this.queue, message);
    return true;
  }

  override clear(): void {
    if (this.journal) for (const message of this.values()) this.journal.messageRemoved(this.queue, message);
    super.clear();
  }

  /** A message of the queue changed in place (received, its visibility changed). */
  changed(message: SqsMessage): void {
    this.journal?.messageChanged(this.queue, message);
  }

  /** Puts back a message read from the store, without journaling it again. */
  restore(message: SqsMessage): void {
    super.set(message.messageId, message);
  }
}
