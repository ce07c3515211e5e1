import { StateMachine, type JsonValue, type TaskStateHandler } from './asl-interpreter';
import type { WaitSpec } from './prepared-definition';
import { TaskRuntimeError } from './task-errors';
import type { TaskScope } from './task-scope';

/**
 * The handler that runs a Wait state (see `prepareDefinition`): it sleeps on the Clock for the
 * Wait's `Seconds` / `SecondsPath`, or until its `Timestamp` / `TimestampPath` in AWS time, then
 * passes its input on.
 */
export function waitHandler(scope: TaskScope, stateName: string, wait: WaitSpec): TaskStateHandler {
  return async (input) => {
    const awsMs = await waitMs(stateName, wait, input, scope.clock.now());
    try {
      await scope.clock.sleep(awsMs, scope.signal);
    } catch {
      throw new TaskRuntimeError(`the execution '${scope.executionArn}' has ended`);
    }
    return input;
  };
}

async function waitMs(stateName: string, wait: WaitSpec, input: JsonValue, nowMs: number): Promise<number> {
  if (wait.seconds !== undefined) return wait.seconds * 1000;
  if (wait.timestamp !== undefined) return untilMs(stateName, wait.timestamp, nowMs);
  if (wait.secondsPath !== undefined) {
    const seconds = await selectPath(wait.secondsPath, input);
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw new TaskRuntimeError(
        `wait state '${stateName}': SecondsPath '${wait.secondsPath}' must select a non-negative integer, got '${JSON.stringify(seconds)}'`,
      );
    }
    return seconds * 1000;
  }
  if (wait.timestampPath !== undefined) {
    const timestamp = await selectPath(wait.timestampPath, input);
    if (typeof timestamp !== 'string') {
      throw new TaskRuntimeError(
        `wait state '${stateName}': TimestampPath '${wait.timestampPath}' must select a timestamp, got '${JSON.stringify(timestamp)}'`,
      );
    }
    return untilMs(stateName, timestamp, nowMs);
  }
  return 0;
}

function untilMs(stateName: string, timestamp: string, nowMs: number): number {
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) throw new TaskRuntimeError(`wait state '${stateName}': '${timestamp}' is not a timestamp`);
  return Math.max(0, at - nowMs);
}

/** Evaluates a JSONPath with the interpreter's own engine (a one-state Pass machine). */
async function selectPath(path: string, input: JsonValue): Promise<unknown> {
  const selector = new StateMachine(
    { StartAt: 'Select', States: { Select: { Type: 'Pass', Parameters: { 'value.$': path }, End: true } } },
    { validationOptions: { noValidate: true } },
  );
  try {
    const selected = (await selector.run(input).result) as { value?: unknown };
    return selected.value;
  } catch {
    return undefined;
  }
}
