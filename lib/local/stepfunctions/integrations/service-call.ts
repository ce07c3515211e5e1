import type { JsonValue } from '../asl-interpreter';
import { TaskFailedError, TaskRuntimeError } from '../task-errors';
import type { TaskScope } from '../task-scope';
import type { ServiceAnswer } from './task-services';

/** How one service names its errors in a Task's failure. */
export interface ServiceErrorStyle {
  /** The failure of a refused call: `<generic>` names the SDK's catch-all exception. */
  readonly accessDenied: (message: string) => TaskFailedError;
  /** The failure of an error answer. */
  readonly failed: (answer: ServiceAnswer) => TaskFailedError;
}

/**
 * Calls an operation of the local endpoint as the state machine's role: IAM first (a refusal
 * fails the Task as the service's SDK would), then the call in process; an error answer fails
 * the Task in the service's words. Resolves with the parsed answer.
 */
export async function callServiceAsRole(
  scope: TaskScope,
  stateName: string,
  target: string,
  body: Record<string, unknown>,
  errors: ServiceErrorStyle,
): Promise<Record<string, JsonValue>> {
  const denial = scope.services.authorize?.(scope.roleArn, { target, body });
  if (denial) throw errors.accessDenied(denial.message);
  const callService = scope.services.callService;
  if (!callService) {
    throw new TaskRuntimeError(`task state '${stateName}' calls '${target}', which this local cloud does not serve`);
  }
  const answer = await callService({
    target,
    body: JSON.stringify(body),
    roleArn: scope.roleArn,
    executionArn: scope.executionArn,
  });
  if (answer.statusCode !== 200) throw errors.failed(answer);
  return answer.body === '' ? {} : (JSON.parse(answer.body) as Record<string, JsonValue>);
}

/** The parameters of a Task as an object, or States.Runtime naming the integration. */
export function parametersObject(
  stateName: string,
  resource: string,
  parameters: JsonValue,
): Record<string, JsonValue> {
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    throw new TaskRuntimeError(`task state '${stateName}' must pass an object of Parameters to '${resource}'`);
  }
  return parameters;
}
