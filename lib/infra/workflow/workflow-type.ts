import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { InvalidInfraConfigError } from '../infra-errors';

/** The `-c workflowType=…` context key: `STANDARD` (default) or `EXPRESS`. */
export const WORKFLOW_TYPE_CONTEXT_KEY = 'workflowType';

/**
 * The state machine type named by a context value; absent or empty means STANDARD.
 * @throws InvalidInfraConfigError for any other value
 */
export function workflowTypeOf(value: unknown): sfn.StateMachineType {
  if (value === undefined || value === null || value === '' || value === 'STANDARD')
    return sfn.StateMachineType.STANDARD;
  if (value === 'EXPRESS') return sfn.StateMachineType.EXPRESS;
  throw new InvalidInfraConfigError(
    `workflowType must be 'STANDARD' or 'EXPRESS', got '${typeof value === 'string' ? value : JSON.stringify(value)}'`,
  );
}
