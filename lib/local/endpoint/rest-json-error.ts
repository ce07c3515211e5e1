import { AwsServiceError } from './aws-service-error';

/**
 * The HTTP status of each error code the restJson1 services of the local cloud (Lambda, Scheduler,
 * Pipes) answer with, as their service models declare it on the error shape (`@httpError`). The
 * status decides the error's kind, and so whether it is retryable (`kindOfAwsError`): one table,
 * so a code means the same in every one of these services.
 */
const HTTP_STATUS_OF_CODE = {
  ValidationException: 400,
  InvalidParameterValueException: 400,
  InvalidRequestContentException: 400,
  ResourceNotFoundException: 404,
  NotFoundException: 404,
  ConflictException: 409,
  RequestEntityTooLargeException: 413,
  TooManyRequestsException: 429,
} as const satisfies Readonly<Record<string, number>>;

/** An error code of a restJson1 service the local cloud writes. */
export type RestJsonErrorCode = keyof typeof HTTP_STATUS_OF_CODE;

/**
 * An error of a restJson1 service: the code in `x-amzn-ErrorType`, the HTTP status the code's
 * error shape declares. A service whose body differs from `{"__type", "message"}` overrides
 * `toResponse`.
 */
export class RestJsonError extends AwsServiceError {
  constructor(code: RestJsonErrorCode, message: string) {
    super(code, message, { statusCode: HTTP_STATUS_OF_CODE[code] });
  }
}

/** A service's error class of one code, that takes only the message. */
export type RestJsonErrorOfCode = new (message: string) => RestJsonError;

/**
 * The error class of one code of a service, on the service's base class (which writes its wire
 * body).
 *
 * @example
 * export const SchedulerConflictError = restJsonErrorClass(RestJsonError, 'ConflictException');
 * throw new SchedulerConflictError(`Schedule ${name} already exists.`); // 409
 */
export function restJsonErrorClass(
  serviceError: new (code: RestJsonErrorCode, message: string) => RestJsonError,
  code: RestJsonErrorCode,
): RestJsonErrorOfCode {
  return class extends serviceError {
    constructor(message: string) {
      super(code, message);
    }
  };
}
