import type { JsonValue } from '../asl-interpreter';
import { NOT_TRUNCATED } from '../execution-history';
import type { ExecutionDescription, LocalExecution } from '../local-execution';
import { StepFunctionsApiError } from '../stepfunctions-errors';
import { TaskFailedError } from '../task-errors';
import { historyResourceOf } from '../task-resource';
import type { TaskAttempt, TaskScope } from '../task-scope';
import { parametersObject } from './service-call';
import { javaSdkCause, sdkMetadata, withExceptionSuffix } from './service-errors';
import { serviceTaskError, type IntegrationTask, type ServiceIntegration } from './integration-task';

/**
 * `arn:aws:states:::states:startExecution` with its four patterns. Parameters `StateMachineArn`,
 * optional `Input` (an object is passed as its JSON text) and `Name`.
 * - request-response: `{ ExecutionArn, StartDate }` (epoch ms) with the SDK metadata;
 * - `.sync`: once the child ends, DescribeExecution's answer in PascalCase with `Input` and
 *   `Output` as JSON text; `.sync:2` the same with `Input` and `Output` as JSON. A child that does
 *   not succeed fails the Task with `States.TaskFailed`, its description as the cause. Stopping
 *   the parent (or its Task timing out) stops the child;
 * - `.waitForTaskToken`: the child is started, then the Task waits for the callback.
 * Errors of the start are `StepFunctions.<Code>Exception` (`StepFunctions.ExecutionAlreadyExistsException`).
 */
export function startExecution({ scope, stateName, resource, pattern }: IntegrationTask): ServiceIntegration {
  return {
    call: async (parameters, attempt) => {
      const child = start(scope, stateName, resource, parameters);
      if (pattern === 'request-response' || pattern === 'waitForTaskToken') return startedOutput(child);
      return awaitChild(scope, resource, child, attempt, pattern === 'sync:2');
    },
    toTaskError: serviceTaskError('StepFunctions.AWSStepFunctionsException'),
  };
}

function start(scope: TaskScope, stateName: string, resource: string, parameters: JsonValue): LocalExecution {
  const request = parametersObject(stateName, resource, parameters);
  const stateMachineArn = request.StateMachineArn;
  if (typeof stateMachineArn !== 'string') {
    throw new TaskFailedError(
      'StepFunctions.AWSStepFunctionsException',
      "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
    );
  }
  const denial = scope.services.authorize?.(scope.roleArn, {
    target: 'AWSStepFunctions.StartExecution',
    body: { stateMachineArn },
  });
  if (denial) throw new TaskFailedError('StepFunctions.AWSStepFunctionsException', denial.message);
  const input =
    request.Input === undefined
      ? '{}'
      : typeof request.Input === 'string'
        ? request.Input
        : JSON.stringify(request.Input);
  try {
    return scope.startExecution(stateMachineArn, input, typeof request.Name === 'string' ? request.Name : undefined);
  } catch (error) {
    if (error instanceof StepFunctionsApiError) {
      throw new TaskFailedError(
        `StepFunctions.${withExceptionSuffix(error.code)}`,
        javaSdkCause(error.message, 'AWSStepFunctions', 400, error.code),
      );
    }
    throw error;
  }
}

function startedOutput(child: LocalExecution): JsonValue {
  const { executionArn, startDate } = child.describe();
  return { ExecutionArn: executionArn, StartDate: startDate, ...sdkMetadata() };
}

async function awaitChild(
  scope: TaskScope,
  resource: string,
  child: LocalExecution,
  attempt: TaskAttempt,
  asJson: boolean,
): Promise<JsonValue> {
  if (!attempt.abandoned) {
    scope.history.add('TaskSubmitted', {
      ...historyResourceOf(resource),
      output: JSON.stringify(startedOutput(child)),
      outputDetails: NOT_TRUNCATED,
    });
  }
  const stopChild = () => child.stop('States.Aborted', 'the parent execution stopped waiting for it');
  attempt.signal.addEventListener('abort', stopChild, { once: true });
  try {
    const described = await child.done;
    const output = describedOutput(described, asJson);
    if (described.status !== 'SUCCEEDED') throw new TaskFailedError('States.TaskFailed', JSON.stringify(output));
    return output;
  } finally {
    attempt.signal.removeEventListener('abort', stopChild);
  }
}

/** DescribeExecution's answer as the `.sync` patterns return it (PascalCase, dates in epoch ms). */
function describedOutput(described: ExecutionDescription, asJson: boolean): JsonValue {
  const text = (value: string | undefined): JsonValue | undefined =>
    value === undefined ? undefined : asJson ? (JSON.parse(value) as JsonValue) : value;
  const output = text(described.output);
  return {
    ExecutionArn: described.executionArn,
    Input: text(described.input) ?? null,
    InputDetails: { Included: true },
    Name: described.name,
    ...(output !== undefined ? { Output: output, OutputDetails: { Included: true } } : {}),
    StartDate: described.startDate,
    StateMachineArn: described.stateMachineArn,
    Status: described.status,
    ...(described.stopDate !== undefined ? { StopDate: described.stopDate } : {}),
    ...(described.error !== undefined ? { Error: described.error } : {}),
    ...(described.cause !== undefined ? { Cause: described.cause } : {}),
  };
}
