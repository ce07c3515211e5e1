/**
 * Why an operation failed, and from that alone whether trying again can help. Every error class of
 * this project names its kind; none decides `retryable` for itself.
 */
const RETRYABLE_BY_KIND = {
  /** The input is wrong (a message, an argument, props, a contract's example): the same input fails the same way. */
  validation: false,
  /** The input contradicts state already held (another order under the same id): an operator must look. */
  conflict: false,
  /** The operation ran and the answer is "no" (access denied, a check that failed), and asking again gives the same answer. */
  refused: false,
  /** Throttling, a lost race, a record not written yet, a timeout: a later attempt can get past it. */
  transient: true,
  /** The deployment lacks something the code needs: once that is fixed the same work succeeds, so the work waits for it. */
  misdeployed: true,
} as const satisfies Record<string, boolean>;

export type ErrorKind = keyof typeof RETRYABLE_BY_KIND;

/**
 * The base of the project's errors: a subclass sets its `name` and its {@link ErrorKind}, and
 * `retryable` follows from the kind. A class of one name and one kind says both in its heading
 * through {@link classifiedErrorClass}; a class whose name or kind depends on the instance
 * extends this one and sets them itself.
 *
 * @example
 * export class PublishError extends ClassifiedError {
 *   override readonly name = 'PublishError';
 *   readonly kind: ErrorKind;
 *   // the constructor decides the kind from what AWS answered
 * }
 */
export abstract class ClassifiedError extends Error {
  abstract readonly kind: ErrorKind;

  /** Whether a later attempt with the same input may succeed. */
  get retryable(): boolean {
    return RETRYABLE_BY_KIND[this.kind];
  }
}

/**
 * The base of an error class of one name and one kind: the class states both in one line and keeps
 * only its own fields and message. The name is given as a string, not taken from the class,
 * because function bundles are minified and Step Functions' Retry and Catch match the name a task
 * throws. Mark the call with a `@__PURE__` comment, as `lib/diagram/diagram-errors.ts` does:
 * esbuild cannot see across modules that it has no side effects, and without the mark a bundle
 * keeps every error class of a file it imports, used or not.
 *
 * @example
 * export class MissingRecordError extends classifiedErrorClass('MissingRecordError', 'transient') {
 *   constructor(readonly key: string) {
 *     super(`record '${key}' does not exist yet`);
 *   }
 * }
 */
export function classifiedErrorClass<const Name extends string, const Kind extends ErrorKind>(name: Name, kind: Kind) {
  abstract class ErrorOfNameAndKind extends ClassifiedError {
    override readonly name: Name = name;
    readonly kind: Kind = kind;
  }
  return ErrorOfNameAndKind;
}

/**
 * Whether trying again may help. A {@link ClassifiedError} says so by its kind; anything else, an
 * SDK error included, is treated as transient, so the redrive policy (not this code) decides when
 * to give up on it.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof ClassifiedError ? error.retryable : true;
}
