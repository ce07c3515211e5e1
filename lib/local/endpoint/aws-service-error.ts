import { ClassifiedError, type ErrorKind } from '../../errors/classified-error';
import type { AwsJsonResponse } from './aws-json';

/** How an `AwsServiceError` is written on the wire. */
export interface AwsServiceErrorOptions {
  /** @default 400 */
  readonly statusCode?: number;
  /**
   * Services that were query (XML) protocol services before they spoke JSON (SQS) also send the
   * old error code in `x-amzn-query-error: <code>;Sender`; the SDKs read the code from there.
   * @default - no such header
   */
  readonly queryErrorCode?: string;
  /**
   * Prefix of `__type` (`com.amazonaws.sqs#`); EventBridge and DynamoDB use their own.
   * @default - the bare code
   */
  readonly typePrefix?: string;
}

/**
 * The kind of an AWS error, from its HTTP status (and code) alone, as the SDKs' retry strategies
 * see it: a server fault (5xx) or throttling (429) is transient, so trying again may succeed;
 * access denied is refused, 409 a conflict, any other client error a validation error.
 */
export function kindOfAwsError(code: string, statusCode: number): ErrorKind {
  if (statusCode >= 500 || statusCode === 429) return 'transient';
  if (statusCode === 403 || code.startsWith('AccessDenied')) return 'refused';
  if (statusCode === 409) return 'conflict';
  return 'validation';
}

/**
 * An error an AWS API returns: a code (`QueueDoesNotExist`, `ValidationException`), a message and
 * an HTTP status, from which its kind (and so `retryable`) follows. Services of the local cloud
 * throw these; the endpoint writes them as `{"__type": ..., "message": ...}` with the
 * `x-amzn-ErrorType` header.
 */
export class AwsServiceError extends ClassifiedError {
  readonly statusCode: number;
  readonly kind: ErrorKind;
  readonly queryErrorCode?: string;
  readonly typePrefix: string;

  constructor(
    readonly code: string,
    message: string,
    options: AwsServiceErrorOptions = {},
  ) {
    super(message);
    this.name = code;
    this.statusCode = options.statusCode ?? 400;
    this.kind = kindOfAwsError(code, this.statusCode);
    this.queryErrorCode = options.queryErrorCode;
    this.typePrefix = options.typePrefix ?? '';
  }

  /** The JSON protocol response that carries this error. */
  toResponse(): AwsJsonResponse {
    const headers: Record<string, string> = { 'x-amzn-ErrorType': this.code };
    if (this.queryErrorCode) {
      headers['x-amzn-query-error'] = `${this.queryErrorCode};${this.statusCode >= 500 ? 'Receiver' : 'Sender'}`;
    }
    return {
      statusCode: this.statusCode,
      headers,
      body: JSON.stringify({ __type: `${this.typePrefix}${this.code}`, message: this.message }),
    };
  }
}

/**
 * The `X-Amz-Target` names no operation of the service (or no service at all): the message
 * names the service and the operation and says the local cloud does not emulate it.
 */
export class UnknownOperationError extends AwsServiceError {
  constructor(target: string, service?: string) {
    const dot = target.indexOf('.');
    const serviceName = service ?? (dot > 0 ? target.slice(0, dot) : 'unknown service');
    const operation = dot > 0 ? target.slice(dot + 1) : target;
    super(
      'UnknownOperationException',
      `unknown operation '${target}': ${serviceName} ${operation || '(no operation)'} is not emulated by the local cloud`,
    );
  }
}

/**
 * A call to a JSON protocol target that is not the JSON protocol: a method other than POST, or a
 * body of another content type (a form-encoded query protocol call, XML, plain text). AWS answers
 * these with 404 UnknownOperationException, not with the operation's own errors.
 */
export class NotJsonProtocolError extends AwsServiceError {
  constructor(message: string) {
    super('UnknownOperationException', message, { statusCode: 404 });
  }
}

/** The body is not JSON, not UTF-8, too deeply nested, or not of the expected shape at all. */
export class SerializationError extends AwsServiceError {
  constructor(message: string) {
    super('SerializationException', message);
  }
}

/** The body is larger than the endpoint accepts. */
export class RequestEntityTooLargeError extends AwsServiceError {
  constructor(limitBytes: number) {
    super('RequestEntityTooLargeException', `request body is larger than ${limitBytes} bytes`, { statusCode: 413 });
  }
}

/** Something broke inside the local cloud; the caller may retry. */
export class InternalFailureError extends AwsServiceError {
  constructor(message: string) {
    super('InternalFailure', message, { statusCode: 500 });
  }
}

/**
 * The answer for anything an operation threw: an `AwsServiceError` as AWS's error shape, anything
 * else as an `InternalFailure` naming it (a bug of the local cloud, never a crash of the endpoint).
 */
export function errorResponseOf(error: unknown): AwsJsonResponse {
  const serviceError =
    error instanceof AwsServiceError
      ? error
      : new InternalFailureError(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  return serviceError.toResponse();
}
