import type { Clock } from '../../clock';
import type { CallerIdentity } from '../../endpoint/aws-json';
import type { ParameterErrors, RequestParams } from '../../endpoint/request-params';
import { validationParameterErrors } from '../../endpoint/validation-message';
import type { LocalStepFunctions } from '../local-step-functions';
import { StepFunctionsValidationError } from '../stepfunctions-errors';

/** What a Step Functions operation handler gets besides its parameters. */
export interface StepFunctionsOperationContext {
  readonly stepFunctions: LocalStepFunctions;
  readonly caller: CallerIdentity;
  /** AWS time (creation and update dates). */
  readonly clock: Clock;
}

/** One Step Functions JSON 1.0 operation: parameters in, the response object out. */
export type StepFunctionsOperation = (params: RequestParams, context: StepFunctionsOperationContext) => unknown;

/** Step Functions answers missing and mistyped parameters with ValidationException, worded like this. */
export const STEP_FUNCTIONS_PARAMETER_ERRORS: ParameterErrors = validationParameterErrors(
  (message) => new StepFunctionsValidationError(message),
);

/** Epoch seconds, as the JSON protocol writes timestamps. */
export function epochSeconds(awsMs: number): number {
  return awsMs / 1000;
}
