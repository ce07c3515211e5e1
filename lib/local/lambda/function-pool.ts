import type { ExecutionEnvironment } from './execution-environment';
import { TooManyRequestsError } from './lambda-errors';

/** What happens to an invocation beyond a function's concurrency limit. */
export type ConcurrencyOverflow = 'queue' | 'throttle';

/** An environment lent to one invocation; `cold` when it was created for it. */
export interface Lease {
  readonly environment: ExecutionEnvironment;
  readonly cold: boolean;
}

/**
 * The execution environments of one function and its concurrency limit. Warm environments are
 * reused most-recently-used first (as Lambda tends to); a new one is created only when none is
 * idle and the limit allows. Beyond the limit an invocation waits for a free environment in
 * arrival order (`queue`, like Lambda's asynchronous invocation queue and the SQS poller
 * backing off) or is refused with `TooManyRequestsError` (`throttle`, like a synchronous Invoke).
 */
export class FunctionPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private busy = 0;
  private readonly waiters: { resolve: (lease: Lease) => void; reject: (error: Error) => void }[] = [];
  private closed = false;

  constructor(
    readonly functionName: string,
    readonly concurrencyLimit: number,
    private readonly overflow: ConcurrencyOverflow,
    private readonly create: () => ExecutionEnvironment,
  ) {}

  /** Invocations running now. */
  get active(): number {
    return this.busy;
  }

  /** Live environments, busy or idle. */
  get size(): number {
    return this.busy + this.idle.length;
  }

  /** Idle environments, least recently used first. */
  idleEnvironments(): readonly ExecutionEnvironment[] {
    return [...this.idle];
  }

  /** An environment for one invocation; resolves when the concurrency limit allows. */
  acquire(): Promise<Lease> {
    if (this.busy < this.concurrencyLimit && this.waiters.length === 0) {
      return Promise.resolve(this.lend());
    }
    if (this.overflow === 'throttle') {
      return Promise.reject(new TooManyRequestsError(this.functionName, this.concurrencyLimit));
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Gives an environment back: kept warm if it is still alive, then wakes a waiter. */
  release(environment: ExecutionEnvironment): void {
    this.busy--;
    if (environment.alive && !this.closed) {
      this.idle.push(environment);
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve(this.lend());
    }
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
    await Promise.all(this.idle.splice(0).map((environment) => environment.terminate()));
  }

  private lend(): Lease {
    this.busy++;
    let environment = this.idle.pop();
    while (environment && !environment.alive) {
      environment = this.idle.pop();
    }
    return environment ? { environment, cold: false } : { environment: this.create(), cold: true };
  }
}
