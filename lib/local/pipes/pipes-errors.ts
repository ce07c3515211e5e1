import type { AwsJsonResponse } from '../endpoint/aws-json';
import { RestJsonError, type RestJsonErrorCode } from '../endpoint/rest-json-error';
import { validationMessage } from '../endpoint/validation-message';

/** One member a `ValidationException` of the Pipes API names (`fieldList` in its error shape). */
export interface PipesValidationField {
  /** The member's path as the API names it (`name`, `source`, `sourceParameters.sqsQueueParameters.batchSize`). */
  readonly name: string;
  readonly message: string;
}

/**
 * An error of the EventBridge Pipes API (restJson1): the code in `x-amzn-ErrorType`, the body
 * `{"message": ...}` plus the members of the error shape in the service model, the HTTP status
 * the code's (rest-json-error.ts).
 */
export class PipesError extends RestJsonError {
  constructor(
    code: RestJsonErrorCode,
    message: string,
    private readonly members: Readonly<Record<string, unknown>> = {},
  ) {
    super(code, message);
  }

  override toResponse(): AwsJsonResponse {
    return {
      statusCode: this.statusCode,
      headers: { 'x-amzn-ErrorType': this.code },
      body: JSON.stringify({ message: this.message, ...this.members }),
    };
  }
}

/** 400: a member is missing, malformed, out of range, or names a source or target Pipes cannot use. */
export class PipesValidationError extends PipesError {
  constructor(
    message: string,
    readonly fieldList: readonly PipesValidationField[] = [],
  ) {
    super('ValidationException', message, fieldList.length > 0 ? { fieldList } : {});
  }

  /** One member failed one constraint: AWS's "1 validation error detected" message. */
  static member(member: string, value: unknown, constraint: string): PipesValidationError {
    const message = validationMessage(member, value === undefined || value === null ? null : String(value), constraint);
    return new PipesValidationError(message, [{ name: member, message: constraint }]);
  }
}

/** 404: no pipe of that name (or ARN). */
export class PipesNotFoundError extends PipesError {
  constructor(message: string) {
    super('NotFoundException', message);
  }
}

/** 409: the pipe exists already, or is in a state the call cannot change. */
export class PipesConflictError extends PipesError {
  constructor(message: string, resourceId: string) {
    super('ConflictException', message, { resourceId, resourceType: 'pipe' });
  }
}
