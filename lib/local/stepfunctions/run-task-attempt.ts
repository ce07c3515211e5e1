import type { JsonValue } from './engine/json';
import { NOT_TRUNCATED } from './execution-history';
import { historyResourceOf } from './task-resource';
import { TaskFailedError, TaskRuntimeError } from './task-errors';
import type { TaskAttempt, TaskScope } from './task-scope';

/** How a Task's attempt is written in the history: as a service integration or a Lambda ARN. */
export type AttemptStyle = 'integration' | 'lambda-function';

/**
 * Runs one attempt of a Task state: records it in the history (TaskScheduled, TaskStarted,
 * TaskSucceeded | TaskFailed — or the LambdaFunction* events for a Lambda ARN resource), calls
 * `call`, and turns its failure into the error the interpreter matches with Retry and Catch
 * (`toTaskError`).
 */
export async function runTaskAttempt(
  scope: TaskScope,
  stateName: string,
  resource: string,
  parameters: JsonValue,
  style: AttemptStyle,
  call: (attempt: TaskAttempt) => Promise<JsonValue>,
  toTaskError: (error: unknown) => Error,
): Promise<JsonValue> {
  // The interpreter calls the handler in the same tick it logs StateEntered, and hands its event
  // log out asynchronously: wait one macrotask so the execution has recorded the state (history
  // and trace) before this attempt records anything or invokes anyone.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (scope.signal.aborted || scope.history.isClosed) {
    throw new TaskRuntimeError(`the execution '${scope.executionArn}' has ended`);
  }
  const attempt = scope.attempts.begin(stateName, scope.signal);
  const events = style === 'integration' ? integrationEvents(scope, resource) : lambdaFunctionEvents(scope, resource);
  events.scheduled(parameters);
  try {
    const output = await call(attempt);
    if (!attempt.abandoned) events.succeeded(output);
    return output;
  } catch (error) {
    const taskError = toTaskError(error);
    if (!attempt.abandoned) events.failed(taskError);
    throw taskError;
  } finally {
    scope.attempts.end(attempt);
  }
}

interface AttemptEvents {
  scheduled(parameters: JsonValue): void;
  succeeded(output: JsonValue): void;
  failed(error: Error): void;
}

function integrationEvents(scope: TaskScope, resource: string): AttemptEvents {
  const names = historyResourceOf(resource);
  return {
    scheduled: (parameters) => {
      scope.history.add('TaskScheduled', { ...names, region: scope.region, parameters: JSON.stringify(parameters) });
      scope.history.add('TaskStarted', names);
    },
    succeeded: (output) =>
      scope.history.add('TaskSucceeded', { ...names, output: JSON.stringify(output), outputDetails: NOT_TRUNCATED }),
    failed: (error) => scope.history.add('TaskFailed', { ...names, ...errorDetails(error) }),
  };
}

function lambdaFunctionEvents(scope: TaskScope, resource: string): AttemptEvents {
  return {
    scheduled: (input) => {
      scope.history.add('LambdaFunctionScheduled', {
        resource,
        input: JSON.stringify(input),
        inputDetails: NOT_TRUNCATED,
      });
      scope.history.add('LambdaFunctionStarted');
    },
    succeeded: (output) =>
      scope.history.add('LambdaFunctionSucceeded', { output: JSON.stringify(output), outputDetails: NOT_TRUNCATED }),
    failed: (error) => scope.history.add('LambdaFunctionFailed', errorDetails(error)),
  };
}

function errorDetails(error: Error): { error: string; cause: string } {
  return { error: error.name, cause: error.message };
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Errors already in the interpreter's terms pass through `toTaskError` converters unchanged. */
export function isTaskError(error: unknown): error is TaskFailedError | TaskRuntimeError {
  return error instanceof TaskFailedError || error instanceof TaskRuntimeError;
}
