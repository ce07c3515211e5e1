import type { LocalQueue, LocalSqs, QueueJournal, SqsMessage, StoredMessage } from '../sqs';
import { settingsToAttributes } from '../sqs';
import type { DurableStore } from './durable-store';

const QUEUE_PREFIX = 'sqs/queue/';
const MESSAGE_PREFIX = 'sqs/message/';

interface StoredQueue {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly tags: Record<string, string>;
}

/**
 * SQS under `--data`: every queue's settings and tags, and every message with its receive count,
 * visibility and receipt handle. A message's key orders it after every message stored before
 * it, so a queue comes back in arrival order.
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
    return restored;
  }
}

/** FifoQueue cannot be set on an existing queue (SetQueueAttributes refuses it). */
function withoutCreateOnly(attributes: Record<string, string>): Record<string, string> {
  const { FifoQueue: _fifo, ...rest } = attributes;
  return rest;
}
