import type { AwsJsonRequest, AwsJsonResponse } from '../../endpoint/aws-json';
import { AwsServiceError, InternalFailureError, UnknownOperationError } from '../../endpoint/aws-service-error';
import { parseJsonObject } from '../../endpoint/json-body';
import { RequestParams } from '../../endpoint/request-params';
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

/** Step Functions' JSON 1.0 protocol (`X-Amz-Target: AWSStepFunctions.<Operation>`) over a `LocalStepFunctions`. */
export async function handleStepFunctionsRequest(
  stepFunctions: LocalStepFunctions,
  request: AwsJsonRequest,
): Promise<AwsJsonResponse> {
  try {
    const operationName = request.target.startsWith(TARGET_PREFIX) ? request.target.slice(TARGET_PREFIX.length) : '';
    const operation = Object.hasOwn(OPERATIONS, operationName) ? OPERATIONS[operationName] : undefined;
    if (!operation) {
      throw new UnknownOperationError(request.target);
    }
    const params = new RequestParams(parseJsonObject(request.body), STEP_FUNCTIONS_PARAMETER_ERRORS);
    const output = await operation(params, { stepFunctions, caller: request.caller, clock: stepFunctions.clock });
    return { statusCode: 200, body: JSON.stringify(output) };
  } catch (error) {
    const serviceError =
      error instanceof AwsServiceError
        ? error
        : new InternalFailureError(`internal error: ${(error as Error).message}`);
    return serviceError.toResponse();
  }
}
