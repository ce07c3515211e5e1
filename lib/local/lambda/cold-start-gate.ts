import * as os from 'node:os';

/** A place to initialize one execution environment; give it back when the init ended. */
export interface ColdStartSlot {
  /** Ends the slot (idempotent): the next waiting cold start may begin. */
  release(): void;
}

/** A cold start waiting for a slot. */
export interface ColdStartRequest {
  /** Takes the request out of the queue (idempotent; a no-op once it was granted). */
  withdraw(): void;
}

/** The default number of cold starts at once: the host's parallelism, at least 2. */
export function defaultMaxConcurrentColdStarts(): number {
  return Math.max(2, os.availableParallelism());
}

/**
 * Bounds how many execution environments initialize at once over all functions of the local
 * cloud. On AWS every cold start of a burst runs in parallel on its own machine; here they share
 * the host's cores, and hundreds of workers loading a bundle at the same time all miss their init
 * timeout. Requests are granted in arrival order; a request may be withdrawn while it waits (its
 * invocation got a warm environment instead), so queueing cold starts never queues invocations.
 *
 * @example
 * const gate = new ColdStartGate(2);
 * const request = gate.request((slot) => initialize().finally(() => slot.release()));
 * // ...a warm environment became free first:
 * request.withdraw();
 */
export class ColdStartGate {
  private running = 0;
  private highest = 0;
  private readonly queue: { readonly onGrant: (slot: ColdStartSlot) => void }[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`maxConcurrentColdStarts must be a positive integer, got '${limit}'`);
    }
  }

  /** Cold starts initializing now. */
  get initializing(): number {
    return this.running;
  }

  /** The most cold starts that were ever initializing at once. */
  get peakInitializing(): number {
    return this.highest;
  }

  /** Cold starts waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Asks for a slot; `onGrant` runs with it as soon as one is free — synchronously when one is
   * free now. Its holder must release the slot when the init ended, successfully or not.
   */
  request(onGrant: (slot: ColdStartSlot) => void): ColdStartRequest {
    if (this.running < this.limit && this.queue.length === 0) {
      onGrant(this.open());
      return { withdraw: () => undefined };
    }
    const entry = { onGrant };
    this.queue.push(entry);
    return {
      withdraw: () => {
        const index = this.queue.indexOf(entry);
        if (index >= 0) {
          this.queue.splice(index, 1);
        }
      },
    };
  }

  private open(): ColdStartSlot {
    this.running++;
    this.highest = Math.max(this.highest, this.running);
    let released = false;
    return {
      release: () => {
        if (released) {
          return;
        }
        released = true;
        this.running--;
        const next = this.queue.shift();
        if (next) {
          next.onGrant(this.open());
        }
      },
    };
  }
}
