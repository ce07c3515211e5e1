import { AwsServiceError } from '../../endpoint/aws-service-error';

/**
 * An error of Lambda's REST API. Lambda writes errors as `{"Type": "User", "message": ...}` with
 * the code in `x-amzn-ErrorType` (the SDKs and the aws CLI read the code from that header).
 */
export class LambdaApiError extends AwsServiceError {
  constructor(code: string, message: string, statusCode: number) {
    super(code, message, { statusCode });
  }

  override toResponse() {
    return {
      statusCode: this.statusCode,
      headers: { 'x-amzn-ErrorType': this.code, 'Content-Type': 'application/json' },
      body: JSON.stringify({ Type: 'User', message: this.message }),
    };
  }
}

/** "Function not found: arn:aws:lambda:...:function:<name>[:qualifier]" (404). */
export class LambdaFunctionNotFoundError extends LambdaApiError {
  constructor(arn: string) {
    super('ResourceNotFoundException', `Function not found: ${arn}`, 404);
  }
}

/** A payload over the invocation type's limit (413; Lambda's recorded messages). */
export class RequestEntityTooLargeError extends LambdaApiError {
  constructor(message: string) {
    super('RequestEntityTooLargeException', message, 413);
  }
}

/** A payload that is not JSON (400). */
export class InvalidRequestContentError extends LambdaApiError {
  constructor(message: string) {
    super('InvalidRequestContentException', message, 400);
  }
}

/** A parameter Lambda refuses (400). */
export class InvalidParameterValueError extends LambdaApiError {
  constructor(message: string) {
    super('InvalidParameterValueException', message, 400);
  }
}

/** The function is at its concurrency limit (429). */
export class LambdaTooManyRequestsError extends LambdaApiError {
  constructor(message: string) {
    super('TooManyRequestsException', message, 429);
  }
}
