/**
 * `Promise.withResolvers` (ES2024) for runtimes that lack it (Node 20).
 *
 * aws-local-stepfunctions 3 declares Node >= 22 and calls `Promise.withResolvers()` for the
 * timeout of every Task state. On Node 20 that call throws a `TypeError` inside the state, the
 * interpreter reports it as the state's error, and every Task falls into its Catch path (an
 * order saga would silently compensate every order). `asl-interpreter.ts` imports this module
 * before the library, so the method exists before any state machine runs.
 */

/** What `Promise.withResolvers` returns (declared here: the project compiles against ES2023). */
export interface PromiseResolvers<T> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T | PromiseLike<T>) => void;
  readonly reject: (reason?: unknown) => void;
}

type WithResolvers = <T>(this: PromiseConstructor) => PromiseResolvers<T>;

/** The spec's algorithm: a new promise (of `this`, so subclasses work) and its two functions. */
const withResolvers: WithResolvers = function withResolvers<T>(this: PromiseConstructor): PromiseResolvers<T> {
  let resolve!: PromiseResolvers<T>['resolve'];
  let reject!: PromiseResolvers<T>['reject'];
  const promise = new this<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

/**
 * Defines `Promise.withResolvers` when it is missing; leaves a native one alone.
 * @returns whether the polyfill was installed now
 */
export function installPromiseWithResolvers(): boolean {
  const promiseConstructor = Promise as PromiseConstructor & { withResolvers?: WithResolvers };
  if (typeof promiseConstructor.withResolvers === 'function') {
    return false;
  }
  // Same property attributes as the built-in (writable, configurable, not enumerable).
  Object.defineProperty(Promise, 'withResolvers', {
    value: withResolvers,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return true;
}

installPromiseWithResolvers();
