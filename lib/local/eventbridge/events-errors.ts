import { AwsServiceError } from '../endpoint/aws-service-error';

/**
 * An error of the EventBridge API, written as `{"__type": "<Code>", "message": ...}` (JSON 1.1).
 * None is retryable except throttling and internal errors.
 */
export class EventsError extends AwsServiceError {
  constructor(code: string, message: string, statusCode = 400) {
    super(code, message, { statusCode });
  }
}

/** A parameter is missing, of the wrong type or out of range. */
export class EventsValidationError extends EventsError {
  constructor(message: string) {
    super('ValidationException', message);
  }
}

/** The bus, rule or archive does not exist. */
export class EventsResourceNotFoundError extends EventsError {
  constructor(message: string) {
    super('ResourceNotFoundException', message);
  }
}

/** The bus or archive already exists. */
export class EventsResourceAlreadyExistsError extends EventsError {
  constructor(message: string) {
    super('ResourceAlreadyExistsException', message);
  }
}

/** The pattern is not one AWS accepts; the message is AWS's (`Event pattern is not valid. Reason: ...`). */
export class EventsInvalidPatternError extends EventsError {
  constructor(message: string) {
    super('InvalidEventPatternException', message);
  }
}

/** Too many targets on a rule, and similar quotas. */
export class EventsLimitExceededError extends EventsError {
  constructor(message: string) {
    super('LimitExceededException', message);
  }
}
