import { AwsServiceError } from '../endpoint/aws-service-error';

/**
 * An error of the Step Functions API (JSON 1.0), written as `{"__type": "<Code>", "message": ...}`;
 * the SDK turns the code into its typed exception (`StateMachineDoesNotExist`, ...). None is
 * retryable: the same call fails the same way.
 */
export class StepFunctionsApiError extends AwsServiceError {
  constructor(code: string, message: string) {
    super(code, message, { statusCode: 400 });
  }
}

/** A parameter is missing, of the wrong type or out of range. */
export class StepFunctionsValidationError extends StepFunctionsApiError {
  constructor(message: string) {
    super('ValidationException', message);
  }
}

/** The string is not an ARN of the expected kind (a state machine, an execution). */
export class InvalidStepFunctionsArnError extends StepFunctionsApiError {
  constructor(arn: string) {
    super('InvalidArn', `Invalid Arn: '${arn}'`);
  }
}

/** No state machine has the ARN. */
export class StateMachineDoesNotExistError extends StepFunctionsApiError {
  constructor(arn: string) {
    super('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  }
}

/** No execution has the ARN. */
export class ExecutionDoesNotExistError extends StepFunctionsApiError {
  constructor(arn: string) {
    super('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  }
}

/** A STANDARD execution of that name exists with another input, or has already ended. */
export class ExecutionAlreadyExistsError extends StepFunctionsApiError {
  constructor(arn: string) {
    super('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  }
}

/** The execution input is not JSON, or larger than 256 KiB. */
export class InvalidExecutionInputError extends StepFunctionsApiError {
  constructor(message: string) {
    super('InvalidExecutionInput', message);
  }
}

/** The execution name is empty, too long, or has characters AWS refuses. */
export class InvalidExecutionNameError extends StepFunctionsApiError {
  constructor(name: string) {
    super('InvalidName', `Invalid Name: '${name}'`);
  }
}

/** A paging token this service did not hand out. */
export class InvalidPagingTokenError extends StepFunctionsApiError {
  constructor(token: string) {
    super('InvalidToken', `Invalid Token: '${token.slice(0, 100)}'`);
  }
}

/** The operation does not apply to the state machine's type (StartSyncExecution on STANDARD). */
export class StateMachineTypeNotSupportedError extends StepFunctionsApiError {
  constructor(message: string) {
    super('StateMachineTypeNotSupported', message);
  }
}

/**
 * The definition is not valid Amazon States Language, or uses something the local interpreter
 * cannot run (JSONata). Raised by `registerStateMachine`.
 */
export class InvalidDefinitionError extends StepFunctionsApiError {
  constructor(stateMachineName: string, reason: string) {
    super('InvalidDefinition', `invalid state machine definition for '${stateMachineName}': ${reason}`);
  }
}
