import { AwsServiceError } from '../endpoint/aws-service-error';

/**
 * A log group or stream that does not exist. Messages as CloudWatch Logs words them ("The
 * specified log group does not exist.", recorded by the AWS SDKs' integration features).
 */
export class LogsResourceNotFoundError extends AwsServiceError {
  constructor(message: string) {
    super('ResourceNotFoundException', message);
  }
}

/** CreateLogGroup / CreateLogStream of a name that exists. */
export class LogsResourceAlreadyExistsError extends AwsServiceError {
  constructor(message: string) {
    super('ResourceAlreadyExistsException', message);
  }
}

/** A parameter CloudWatch Logs refuses (a malformed filter pattern, events out of order). */
export class LogsInvalidParameterError extends AwsServiceError {
  constructor(message: string) {
    super('InvalidParameterException', message);
  }
}
