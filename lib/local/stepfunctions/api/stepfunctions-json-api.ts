import type { AwsJsonRequest, AwsJsonResponse } from '../../endpoint/aws-json';
import { dispatchJsonOperation } from '../../endpoint/dispatch-json-operation';
import type { LocalStepFunctions } from '../local-step-functions';
import { EXECUTION_OPERATIONS } from './execution-operations';
import { STATE_MACHINE_OPERATIONS } from './state-machine-operations';
import { TEST_STATE_OPERATIONS } from './test-state-operation';
import { TAG_AND_TASK_OPERATIONS } from './tag-and-task-operations';
import { VERSION_ALIAS_OPERATIONS } from './version-alias-operations';
import { STEP_FUNCTIONS_PARAMETER_ERRORS, type StepFunctionsOperation } from './stepfunctions-operation';

const TARGET_PREFIX = 'AWSStepFunctions.';

const OPERATIONS: Readonly<Record<string, StepFunctionsOperation>> = {
  ...EXECUTION_OPERATIONS,
  ...STATE_MACHINE_OPERATIONS,
  ...TEST_STATE_OPERATIONS,
  ...VERSION_ALIAS_OPERATIONS,
  ...TAG_AND_TASK_OPERATIONS,
};

const STEP_FUNCTIONS_API = {
  targetPrefix: TARGET_PREFIX,
  operations: OPERATIONS,
  parameterErrors: STEP_FUNCTIONS_PARAMETER_ERRORS,
};

/** Step Functions' JSON 1.0 protocol (`X-Amz-Target: AWSStepFunctions.<Operation>`) over a `LocalStepFunctions`. */
export function handleStepFunctionsRequest(
  stepFunctions: LocalStepFunctions,
  request: AwsJsonRequest,
): Promise<AwsJsonResponse> {
  return dispatchJsonOperation(request, STEP_FUNCTIONS_API, {
    stepFunctions,
    caller: request.caller,
    clock: stepFunctions.clock,
  });
}
