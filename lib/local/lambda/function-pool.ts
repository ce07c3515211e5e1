import type { ColdStartGate, ColdStartRequest, ColdStartSlot } from './cold-start-gate';
import type { ExecutionEnvironment } from './execution-environment';
import { TooManyRequestsError } from './lambda-errors';

/** What happens to an invocation beyond a function's concurrency limit. */
export type ConcurrencyOverflow = 'queue' | 'throttle';

/** An environment lent to one invocation; `cold` when it was created for it. */
export interface Lease {
  readonly environment: ExecutionEnvironment;
  readonly cold: boolean;
  /** The cold-start slot a cold lease holds: release it when the init ended. @default - no gate */
  readonly coldStartSlot?: ColdStartSlot;
  /** Wall ms the invocation waited for a cold-start slot (or for a warm environment instead). */
  readonly coldStartWaitMs: number;
}

interface ColdWaiter {
  readonly since: number;
  readonly resolve: (lease: Lease) => void;
  readonly reject: (error: Error) => void;
  request?: ColdStartRequest;
}

/**
 * The execution environments of one function and its concurrency limit. Warm environments are
 * reused most-recently-used first (as Lambda tends to); a new one is created only when none is
 * idle and the limit allows. Beyond the limit an invocation waits for a free environment in
 * arrival order (`queue`, like Lambda's asynchronous invocation queue and the SQS poller
 * backing off) or is refused with `TooManyRequestsError` (`throttle`, like a synchronous Invoke).
 *
 * With a cold-start gate, an invocation that needs a new environment holds its concurrency slot
 * and waits for a slot of the gate; if one of the function's environments is released first, it
 * takes that warm environment and withdraws from the gate. So a burst is served by as many
 * environments as the machine can start while the warm ones work through it.
 */
export class FunctionPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private busy = 0;
  private readonly waiters: { resolve: (lease: PromiseLike<Lease>) => void; reject: (error: Error) => void }[] = [];
  private readonly coldWaiters: ColdWaiter[] = [];
  /** Busy environments of replaced code: ended when their invocation releases them. */
  private readonly retired = new WeakSet<ExecutionEnvironment>();
  private readonly lent = new Set<ExecutionEnvironment>();
  private closed = false;

  constructor(
    readonly functionName: string,
    readonly concurrencyLimit: number,
    private readonly overflow: ConcurrencyOverflow,
    private readonly create: () => ExecutionEnvironment,
    private readonly gate?: ColdStartGate,
  ) {}

  /** Invocations admitted now: running, initializing or waiting for a cold-start slot. */
  get active(): number {
    return this.busy;
  }

  /** Live environments, busy or idle. */
  get size(): number {
    return this.busy - this.coldWaiters.length + this.idle.length;
  }

  /** Invocations waiting for a cold-start slot. */
  get waitingForColdStart(): number {
    return this.coldWaiters.length;
  }

  /** Idle environments, least recently used first. */
  idleEnvironments(): readonly ExecutionEnvironment[] {
    return [...this.idle];
  }

  /** An environment for one invocation; resolves when the concurrency limit and the gate allow. */
  acquire(): Promise<Lease> {
    if (this.busy < this.concurrencyLimit && this.waiters.length === 0) {
      return this.lend();
    }
    if (this.overflow === 'throttle') {
      return Promise.reject(new TooManyRequestsError(this.functionName, this.concurrencyLimit));
    }
    return new Promise<Lease>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * Gives an environment back: it goes to an invocation waiting for a cold start if there is
   * one, else it is kept warm (if still alive); then the concurrency slot goes to a waiter.
   */
  release(environment: ExecutionEnvironment): void {
    this.busy--;
    this.lent.delete(environment);
    if (this.retired.has(environment)) {
      void environment.terminate();
    } else if (environment.alive && !this.closed) {
      const coldWaiter = this.coldWaiters.shift();
      if (coldWaiter) {
        coldWaiter.request?.withdraw();
        this.lent.add(environment);
        coldWaiter.resolve({ environment, cold: false, coldStartWaitMs: performance.now() - coldWaiter.since });
      } else {
        this.idle.push(environment);
      }
    }
    this.admitNext();
  }

  /**
   * Retires every environment of the function (its code was replaced): idle ones end now, busy
   * ones finish their invocation and end instead of staying warm, so the next invocation starts
   * an environment that loads the new code. Invocations waiting for a cold start are unaffected:
   * they create their environment later, from the new code.
   */
  async retireEnvironments(): Promise<readonly ExecutionEnvironment[]> {
    for (const environment of this.lent) this.retired.add(environment);
    const ended = this.idle.splice(0);
    await Promise.all(ended.map((environment) => environment.terminate()));
    return ended;
  }

  /** Removes an idle environment (evicted to make room for another function's). */
  evict(environment: ExecutionEnvironment): boolean {
    const index = this.idle.indexOf(environment);
    if (index < 0) {
      return false;
    }
    this.idle.splice(index, 1);
    void environment.terminate();
    return true;
  }

  /** Refuses waiters and ends the idle environments; busy ones end when released. */
  async close(error: Error): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.reject(error);
    }
    for (const waiter of this.coldWaiters.splice(0)) {
      waiter.request?.withdraw();
      this.busy--;
      waiter.reject(error);
    }
    await Promise.all(this.idle.splice(0).map((environment) => environment.terminate()));
  }

  /** Gives a free concurrency slot to the longest waiting invocation. */
  private admitNext(): void {
    if (this.busy < this.concurrencyLimit) {
      this.waiters.shift()?.resolve(this.lend());
    }
  }

  /** Takes a concurrency slot and finds an environment for it: warm, else a new one. */
  private lend(): Promise<Lease> {
    this.busy++;
    let environment = this.idle.pop();
    while (environment && !environment.alive) {
      environment = this.idle.pop();
    }
    if (environment) {
      this.lent.add(environment);
      return Promise.resolve({ environment, cold: false, coldStartWaitMs: 0 });
    }
    const gate = this.gate;
    if (!gate) {
      const created = this.create();
      this.lent.add(created);
      return Promise.resolve({ environment: created, cold: true, coldStartWaitMs: 0 });
    }
    return new Promise<Lease>((resolve, reject) => {
      const waiter: ColdWaiter = { since: performance.now(), resolve, reject };
      this.coldWaiters.push(waiter);
      waiter.request = gate.request((slot) => {
        const index = this.coldWaiters.indexOf(waiter);
        if (index < 0) {
          // Served by a warm environment or refused meanwhile; withdrawing normally prevents this.
          slot.release();
          return;
        }
        this.coldWaiters.splice(index, 1);
        let created: ExecutionEnvironment;
        try {
          created = this.create();
        } catch (error) {
          slot.release();
          this.busy--;
          this.admitNext();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        this.lent.add(created);
        resolve({
          environment: created,
          cold: true,
          coldStartSlot: slot,
          coldStartWaitMs: performance.now() - waiter.since,
        });
      });
    });
  }
}
