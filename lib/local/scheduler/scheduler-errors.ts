import { AwsServiceError } from '../endpoint/aws-service-error';

/**
 * An error of the EventBridge Scheduler API (restJson1): the code in `x-amzn-ErrorType`, the
 * message as `{"Message": ...}`, the HTTP status of the error shape in the service model.
 */
export class SchedulerError extends AwsServiceError {
  constructor(code: string, message: string, statusCode: number) {
    super(code, message, { statusCode });
  }
}

/** 400: a member is missing, malformed or out of range. */
export class SchedulerValidationError extends SchedulerError {
  constructor(message: string) {
    super('ValidationException', message, 400);
  }
}

/** 404: the schedule or group does not exist. */
export class SchedulerResourceNotFoundError extends SchedulerError {
  constructor(message: string) {
    super('ResourceNotFoundException', message, 404);
  }
}

/** 409: the schedule or group already exists. */
export class SchedulerConflictError extends SchedulerError {
  constructor(message: string) {
    super('ConflictException', message, 409);
  }
}
