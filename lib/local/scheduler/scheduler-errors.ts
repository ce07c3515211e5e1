import { RestJsonError, restJsonErrorClass } from '../endpoint/rest-json-error';

// Errors of the EventBridge Scheduler API (restJson1): the code in `x-amzn-ErrorType`, the body
// `{"__type": ..., "message": ...}`, the HTTP status of the code's error shape (rest-json-error.ts).

/** 400: a member is missing, malformed or out of range. */
export const SchedulerValidationError = restJsonErrorClass(RestJsonError, 'ValidationException');

/** 404: the schedule or group does not exist. */
export const SchedulerResourceNotFoundError = restJsonErrorClass(RestJsonError, 'ResourceNotFoundException');

/** 409: the schedule or group already exists. */
export const SchedulerConflictError = restJsonErrorClass(RestJsonError, 'ConflictException');
