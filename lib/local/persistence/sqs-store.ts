import type {
  LocalQueue,
  LocalSqs,
  MessageMoveTask,
  QueueJournal,
  SqsMessage,
  StoredMessage,
  StoredMoveTask,
} from '../sqs';
import { settingsToAttributes } from '../sqs';
import type { DurableStore } from './durable-store';

const QUEUE_PREFIX = 'sqs/queue/';
const MESSAGE_PREFIX = 'sqs/message/';
const DEDUPLICATION_PREFIX = 'sqs/dedup/';
const MOVE_TASK_PREFIX = 'sqs/move-task/';

interface StoredDeduplication {
  readonly expiresAt: number;
  readonly sequence: number;
}

interface StoredQueue {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly tags: Record<string, string>;
}

/**
 * SQS under `--data`: every queue's settings and tags, and every message with its receive count,
 * visibility and receipt handle. A message's key orders it after every message stored before
 * it, so a queue comes back in arrival order. FIFO queues' deduplication ids are kept for their
 * five minutes (a resend after a restart is still a duplicate), and message move tasks with
 * their progress (a running one goes on after a restart).
 */
export class SqsStore implements QueueJournal {
  private ordinal = 0;

  constructor(private readonly store: DurableStore) {}

  messageChanged(queue: LocalQueue, message: SqsMessage): void {
    message.storeKey ??= `${MESSAGE_PREFIX}${queue.name}/${(++this.ordinal).toString(36).padStart(12, '0')}`;
    this.store.put(message.storeKey, () => message.toStored());
  }

  messageRemoved(_queue: LocalQueue, message: SqsMessage): void {
    if (message.storeKey !== undefined) this.store.del(message.storeKey);
  }

  queueChanged(queue: LocalQueue): void {
    this.store.put(`${QUEUE_PREFIX}${queue.name}`, (): StoredQueue => ({
      name: queue.name,
      attributes: settingsToAttributes(queue.settings),
      tags: queue.tags,
    }));
  }

  queueDeleted(queue: LocalQueue): void {
    this.store.del(`${QUEUE_PREFIX}${queue.name}`);
  }

  deduplicationRecorded(queue: LocalQueue, deduplicationId: string, expiresAt: number, sequence: number): void {
    this.store.put(deduplicationKey(queue, deduplicationId), (): StoredDeduplication => ({ expiresAt, sequence }));
  }

  deduplicationExpired(queue: LocalQueue, deduplicationId: string): void {
    this.store.del(deduplicationKey(queue, deduplicationId));
  }

  moveTaskChanged(task: MessageMoveTask): void {
    // Keyed by start time, so the tasks come back in the order they were started.
    const key = `${MOVE_TASK_PREFIX}${task.startedTimestamp.toString(36).padStart(12, '0')}/${task.taskHandle}`;
    this.store.put(key, () => task.toStored());
  }

  /**
   * Brings back the stored queues (the template's get their stored settings, the API's are
   * created again) and their messages.
   * @returns how many messages came back
   */
  async restore(sqs: LocalSqs): Promise<number> {
    for (const [, value] of await this.store.load(QUEUE_PREFIX)) {
      const stored = value as StoredQueue;
      const existing = sqs.findQueue(stored.name);
      if (existing) {
        existing.setAttributes(withoutCreateOnly(stored.attributes));
        existing.tags = { ...stored.tags };
      } else {
        sqs.createQueue(stored.name, stored.attributes, stored.tags);
      }
    }
    let restored = 0;
    for (const [key, value] of await this.store.load(MESSAGE_PREFIX)) {
      const queueName = key.slice(MESSAGE_PREFIX.length, key.lastIndexOf('/'));
      const ordinal = parseInt(key.slice(key.lastIndexOf('/') + 1), 36);
      if (ordinal > this.ordinal) this.ordinal = ordinal;
      const queue = sqs.findQueue(queueName);
      if (!queue) {
        this.store.del(key);
        continue;
      }
      queue.restoreMessage(value as StoredMessage, key);
      restored++;
    }
    await this.restoreDeduplication(sqs);
    await this.restoreMoveTasks(sqs);
    return restored;
  }

  private async restoreDeduplication(sqs: LocalSqs): Promise<void> {
    for (const [key, value] of await this.store.load(DEDUPLICATION_PREFIX)) {
      const rest = key.slice(DEDUPLICATION_PREFIX.length);
      const queue = sqs.findQueue(rest.slice(0, rest.indexOf('/')));
      const stored = value as StoredDeduplication;
      // Expired ones go at the queue's next clean-up; those of a deleted queue now.
      if (queue)
        queue.restoreDeduplication(
          decodeURIComponent(rest.slice(rest.indexOf('/') + 1)),
          stored.expiresAt,
          stored.sequence,
        );
      else this.store.del(key);
    }
  }

  private async restoreMoveTasks(sqs: LocalSqs): Promise<void> {
    for (const [key, value] of await this.store.load(MOVE_TASK_PREFIX)) {
      if (!sqs.restoreMessageMoveTask(value as StoredMoveTask)) this.store.del(key);
    }
  }
}

/** FifoQueue cannot be set on an existing queue (SetQueueAttributes refuses it). */
function deduplicationKey(queue: LocalQueue, deduplicationId: string): string {
  return `${DEDUPLICATION_PREFIX}${queue.name}/${encodeURIComponent(deduplicationId)}`;
}

function withoutCreateOnly(attributes: Record<string, string>): Record<string, string> {
  const { FifoQueue: _fifo, ...rest } = attributes;
  return rest;
}
