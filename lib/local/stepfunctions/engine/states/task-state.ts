import { newTaskToken } from '../../integrations/task-tokens';
import type { JsonObject, JsonValue } from '../json';
import { selectField } from '../query/jsonpath-query';
import { evaluateJsonataTemplate } from '../query/jsonata-query';
import { withRetry } from '../retry';
import { effectiveInputOf, finishWithResult, parametersOf } from '../state-io';
import { contextOf, nextOf, queryOf, type StateOutcome, type StateRun } from '../state-run';
import { queryEvaluationError, runtimeError, StatesError, toStatesError } from '../states-error';
import { WorkflowAborted } from '../workflow-aborted';

/** AWS's Task timeout when the state sets none. */
const DEFAULT_TIMEOUT_SECONDS = 99_999_999;

/**
 * Task: evaluates what to send (JSONPath InputPath + Parameters, JSONata Arguments), hands it
 * to the execution's task runner with the context object (a task token for
 * `.waitForTaskToken`), enforces `TimeoutSeconds` on the local clock (States.Timeout, recorded
 * as TaskTimedOut / LambdaFunctionTimedOut), retries as Retry says, and processes the result.
 */
export async function runTask(run: StateRun): Promise<StateOutcome> {
  const resource = String(run.state.Resource);
  const result = await withRetry(run, (retryCount) => attempt(run, resource, retryCount));
  const finished = await finishWithResult(run, result);
  return { ...finished, next: nextOf(run.state) };
}

async function attempt(run: StateRun, resource: string, retryCount: number): Promise<JsonValue> {
  const taskToken = resource.endsWith('.waitForTaskToken') ? newTaskToken() : undefined;
  const context = contextOf(run, retryCount, taskToken !== undefined ? { taskToken } : {});
  const request = await requestOf(run, context);
  const { execution } = run.scope;
  const timeoutSeconds =
    (await secondsField(run, 'TimeoutSeconds', context, request.effectiveInput)) ?? DEFAULT_TIMEOUT_SECONDS;
  const heartbeatSeconds = await secondsField(run, 'HeartbeatSeconds', context, request.effectiveInput);
  const attemptSignal = new AbortController();
  const onWorkflowAbort = () => attemptSignal.abort(new WorkflowAborted());
  run.scope.signal.addEventListener('abort', onWorkflowAbort, { once: true });
  const timeoutMs = Math.max(
    timeoutSeconds * 1000,
    execution.minTaskTimeoutWallSeconds * 1000 * execution.clock.timeScale,
  );
  let timer: { cancel(): void } | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = execution.clock.setTimer(timeoutMs, () => {
      execution.onTaskTimedOut?.(run.name, resource);
      attemptSignal.abort(new StatesError('States.Timeout', ''));
      recordTimeout(run, resource);
      reject(new StatesError('States.Timeout', ''));
    });
  });
  let onAbortRejection: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbortRejection = () => reject(new WorkflowAborted());
    if (run.scope.signal.aborted) onAbortRejection();
    else run.scope.signal.addEventListener('abort', onAbortRejection, { once: true });
  });
  try {
    const invocation = execution.runTask({
      stateName: run.name,
      resource,
      arguments: request.arguments,
      context,
      timeoutSeconds,
      signal: attemptSignal.signal,
      execution: {
        executionArn: execution.identity.executionArn,
        executionName: execution.identity.executionName,
        stateMachineArn: execution.identity.stateMachineArn,
        stateMachineName: execution.identity.stateMachineName,
        roleArn: execution.identity.roleArn,
        history: execution.history,
        clock: execution.clock,
      },
      ...(taskToken !== undefined ? { taskToken } : {}),
      ...(heartbeatSeconds !== undefined ? { heartbeatSeconds } : {}),
      ...(request.credentials !== undefined ? { credentials: request.credentials } : {}),
    });
    return await Promise.race([invocation, timedOut, aborted]);
  } catch (thrown) {
    if (thrown instanceof WorkflowAborted) throw thrown;
    throw toStatesError(thrown);
  } finally {
    timer?.cancel();
    run.scope.signal.removeEventListener('abort', onWorkflowAbort);
    if (onAbortRejection) run.scope.signal.removeEventListener('abort', onAbortRejection);
    // Promises left pending by the race must not surface as unhandled rejections.
    timedOut.catch(() => undefined);
    aborted.catch(() => undefined);
  }
}

interface TaskRequest {
  readonly effectiveInput: JsonValue;
  readonly arguments: JsonValue;
  readonly credentials?: JsonValue;
}

async function requestOf(run: StateRun, context: JsonObject): Promise<TaskRequest> {
  if (run.language === 'JSONata') {
    const query = queryOf(run, run.input, { context });
    const args =
      run.state.Arguments !== undefined
        ? await evaluateJsonataTemplate(run.state.Arguments, 'Arguments', query)
        : run.input;
    const credentials =
      run.state.Credentials !== undefined
        ? await evaluateJsonataTemplate(run.state.Credentials, 'Credentials', query)
        : undefined;
    return { effectiveInput: run.input, arguments: args, ...(credentials !== undefined ? { credentials } : {}) };
  }
  const effectiveInput = effectiveInputOf(run);
  const args = parametersOf(run, effectiveInput, run.state.Parameters, context);
  const credentials =
    run.state.Credentials !== undefined ? parametersOf(run, effectiveInput, run.state.Credentials, context) : undefined;
  return { effectiveInput, arguments: args, ...(credentials !== undefined ? { credentials } : {}) };
}

/** `TimeoutSeconds` / `HeartbeatSeconds`: a number, a `...Path` (JSONPath) or an expression (JSONata). */
async function secondsField(
  run: StateRun,
  field: 'TimeoutSeconds' | 'HeartbeatSeconds',
  context: JsonObject,
  effectiveInput: JsonValue,
): Promise<number | undefined> {
  let value: JsonValue | undefined = run.state[field];
  if (run.language === 'JSONata' && typeof value === 'string') {
    value = await evaluateJsonataTemplate(value, field, queryOf(run, run.input, { context }));
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw queryEvaluationError(
        run.location,
        `The JSONata expression '${String(run.state[field])}' specified for the field '${field}' returned an unexpected result type. Expected 'integer', but was '${typeof value}' for value: ${JSON.stringify(value)}`,
      );
    }
    return value;
  }
  const path = run.state[`${field}Path`];
  if (typeof path === 'string') {
    value = selectField(path, queryOf(run, effectiveInput, { context }));
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw runtimeError(
        run.location,
        `The ${field}Path parameter does not reference a valid positive integer: ${JSON.stringify(value)}`,
      );
    }
    return value;
  }
  return typeof value === 'number' ? value : undefined;
}

function recordTimeout(run: StateRun, resource: string): void {
  const { history } = run.scope.execution;
  const integration = /^arn:[\w-]+:states:::([\w-]+):(.+)$/.exec(resource);
  if (integration) {
    history.add('TaskTimedOut', {
      resourceType: integration[1],
      resource: integration[2],
      error: 'States.Timeout',
      cause: '',
    });
  } else if (/^arn:[\w-]+:lambda:/.test(resource)) {
    history.add('LambdaFunctionTimedOut', { error: 'States.Timeout', cause: '' });
  } else {
    history.add('ActivityTimedOut', { error: 'States.Timeout', cause: '' });
  }
}
