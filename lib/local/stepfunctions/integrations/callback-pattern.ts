import type { JsonValue } from '../asl-interpreter';
import { NOT_TRUNCATED } from '../execution-history';
import { TaskRuntimeError } from '../task-errors';
import { historyResourceOf } from '../task-resource';
import type { TaskAttempt, TaskScope } from '../task-scope';

/**
 * The token a `.waitForTaskToken` Task was given: the one minted for its `$$.Task.Token` that its
 * effective parameters carry (each Task claims its own, so Parallel branches do not mix them up).
 * @throws TaskRuntimeError when the parameters carry none (the callback could never come)
 */
export function claimTaskToken(scope: TaskScope, stateName: string, parameters: JsonValue): string {
  const token = findToken(parameters, scope.mintedTokens);
  if (token === undefined) {
    throw new TaskRuntimeError(
      `task state '${stateName}' waits for a task token but its parameters do not pass $$.Task.Token`,
    );
  }
  scope.mintedTokens.delete(token);
  return token;
}

/**
 * Runs a Task with the callback pattern: registers its token, submits the request (`submit`,
 * whose result is recorded as TaskSubmitted), then waits for SendTaskSuccess / SendTaskFailure,
 * a heartbeat timeout, or the end of the attempt. The token is open before the request goes out,
 * so a callback that arrives before the request returns is not lost.
 */
export async function awaitCallback(
  scope: TaskScope,
  stateName: string,
  resource: string,
  token: string,
  attempt: TaskAttempt,
  submit: () => Promise<JsonValue>,
): Promise<JsonValue> {
  const submitFailed = new AbortController();
  const heartbeatSeconds = scope.heartbeatSeconds.get(token);
  scope.heartbeatSeconds.delete(token);
  const outcome = scope.taskTokens.wait(token, {
    executionArn: scope.executionArn,
    stateName,
    signal: AbortSignal.any([attempt.signal, submitFailed.signal]),
    ...(heartbeatSeconds !== undefined ? { heartbeatSeconds } : {}),
  });
  outcome.catch(() => undefined);
  let submitted: JsonValue;
  try {
    submitted = await submit();
  } catch (error) {
    submitFailed.abort(error);
    throw error;
  }
  if (!attempt.abandoned) {
    scope.history.add('TaskSubmitted', {
      ...historyResourceOf(resource),
      output: JSON.stringify(submitted),
      outputDetails: NOT_TRUNCATED,
    });
  }
  return (await outcome) as JsonValue;
}

function findToken(value: unknown, minted: ReadonlySet<string>): string | undefined {
  if (typeof value === 'string') return minted.has(value) ? value : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const found = findToken(item, minted);
    if (found !== undefined) return found;
  }
  return undefined;
}
