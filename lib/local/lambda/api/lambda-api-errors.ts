import { RestJsonError, restJsonErrorClass } from '../../endpoint/rest-json-error';

/**
 * An error of Lambda's REST API. Lambda writes errors as `{"Type": "User", "message": ...}` with
 * the code in `x-amzn-ErrorType` (the SDKs and the aws CLI read the code from that header); the
 * HTTP status is the code's (rest-json-error.ts).
 */
export class LambdaApiError extends RestJsonError {
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
    super('ResourceNotFoundException', `Function not found: ${arn}`);
  }
}

/** A payload over the invocation type's limit (413; Lambda's recorded messages). */
export const RequestEntityTooLargeError = restJsonErrorClass(LambdaApiError, 'RequestEntityTooLargeException');

/** A payload that is not JSON (400). */
export const InvalidRequestContentError = restJsonErrorClass(LambdaApiError, 'InvalidRequestContentException');

/** A parameter Lambda refuses (400). */
export const InvalidParameterValueError = restJsonErrorClass(LambdaApiError, 'InvalidParameterValueException');

/** The function is at its concurrency limit (429). */
export const LambdaTooManyRequestsError = restJsonErrorClass(LambdaApiError, 'TooManyRequestsException');
