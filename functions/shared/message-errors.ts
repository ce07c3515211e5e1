import { ClassifiedError, isRetryable } from '../../lib/errors/classified-error';

/**
 * Why an incoming SQS message cannot be handled, ever. Each error is permanent
 * (kind `validation`): SQS redelivering the same body cannot make it valid, so the handler
 * dead-letters the message itself, with the reason, instead of letting it loop until the redrive
 * policy gives up.
 */
export abstract class InvalidMessageError extends ClassifiedError {
  readonly kind = 'validation';
}

/** The body is not JSON. */
export class MalformedJsonError extends InvalidMessageError {
  override readonly name = 'MalformedJsonError';

  constructor(excerpt: string, cause: unknown) {
    super(`message body is not json: '${excerpt}'`, { cause });
  }
}

/** The body is JSON but not an EventBridge event (no `detail-type`, `source` or `detail`). */
export class NotAnEventBridgeEventError extends InvalidMessageError {
  override readonly name = 'NotAnEventBridgeEventError';

  constructor(reason: string) {
    super(`message body is not an eventbridge event: ${reason}`);
  }
}

/** The detail type is not one of the saga's contracts. */
export class UnknownDetailTypeError extends InvalidMessageError {
  override readonly name = 'UnknownDetailTypeError';

  constructor(readonly detailType: string) {
    super(`unknown detail type '${detailType}'`);
  }
}

/** The detail type is a saga contract, but not one this service consumes (a misrouted rule). */
export class UnsubscribedDetailTypeError extends InvalidMessageError {
  override readonly name = 'UnsubscribedDetailTypeError';

  constructor(
    readonly detailType: string,
    readonly service: string,
  ) {
    super(`service '${service}' does not consume '${detailType}'`);
  }
}

/** The event claims a source other than its contract's producer (a spoofed or misrouted event). */
export class UnexpectedSourceError extends InvalidMessageError {
  override readonly name = 'UnexpectedSourceError';

  constructor(
    readonly detailType: string,
    readonly source: string,
    readonly expectedSource: string,
  ) {
    super(`'${detailType}' must come from '${expectedSource}', got source '${source}'`);
  }
}

/** The detail's `metadata.schemaVersion` is not the version this code reads. */
export class UnsupportedSchemaVersionError extends InvalidMessageError {
  override readonly name = 'UnsupportedSchemaVersionError';

  constructor(
    readonly detailType: string,
    readonly schemaVersion: string,
    readonly supportedVersion: string,
  ) {
    super(`'${detailType}' schema version '${schemaVersion}' is not supported (this code reads '${supportedVersion}')`);
  }
}

/** The detail does not match its contract's schema. */
export class InvalidDetailError extends InvalidMessageError {
  override readonly name = 'InvalidDetailError';

  constructor(
    readonly detailType: string,
    readonly issues: string,
  ) {
    super(`'${detailType}' detail does not match its contract: ${issues}`);
  }
}

/**
 * Whether retrying cannot help: the error's kind says so (see {@link isRetryable}), as every
 * {@link InvalidMessageError} and the publisher's validation errors do. Anything else, an SDK
 * error included, is treated as transient.
 */
export function isPermanentFailure(error: unknown): error is ClassifiedError {
  return !isRetryable(error);
}
