import type { EventOutbox, LocalEventBridge, PendingEvent } from '../eventbridge';
import type { DurableStore } from './durable-store';

const PENDING_PREFIX = 'events/pending/';

/**
 * EventBridge under `--data`: each accepted event is kept from PutEvents' answer until every
 * delivery it started has ended, so an event accepted before a crash is delivered after the
 * restart (perhaps twice to a target that had it: at-least-once, as EventBridge promises).
 */
export class EventOutboxStore implements EventOutbox {
  private ordinal = 0;

  constructor(private readonly store: DurableStore) {}

  accepted(pending: PendingEvent): string {
    const key = `${PENDING_PREFIX}${(++this.ordinal).toString(36).padStart(12, '0')}`;
    this.store.put(key, () => pending);
    return key;
  }

  delivered(key: string): void {
    this.store.del(key);
  }

  /**
   * Delivers the events whose deliveries a stop or crash cut short.
   * @returns how many
   */
  async restore(eventBridge: LocalEventBridge): Promise<number> {
    let redelivered = 0;
    for (const [key, value] of await this.store.load(PENDING_PREFIX)) {
      const ordinal = parseInt(key.slice(PENDING_PREFIX.length), 36);
      if (ordinal > this.ordinal) this.ordinal = ordinal;
      if (eventBridge.redeliver(value as PendingEvent, key)) redelivered++;
      else this.store.del(key);
    }
    return redelivered;
  }
}
