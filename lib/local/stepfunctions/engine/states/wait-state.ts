import type { JsonValue } from '../json';
import { selectField } from '../query/jsonpath-query';
import { evaluateJsonataTemplate } from '../query/jsonata-query';
import { applyOutputPath, effectiveInputOf, jsonPathAssignOf, jsonataFieldOf, jsonataAssignOf } from '../state-io';
import { nextOf, queryOf, type StateOutcome, type StateRun } from '../state-run';
import { queryEvaluationError, runtimeError } from '../states-error';
import { timestampOf } from './choice-rule';
import { WorkflowAborted } from '../workflow-aborted';

/**
 * Wait: sleeps on the local clock (AWS time) for `Seconds` / `SecondsPath`, or until
 * `Timestamp` / `TimestampPath` (JSONata: `Seconds` / `Timestamp` expressions), then passes
 * its input on.
 */
export async function runWait(run: StateRun): Promise<StateOutcome> {
  const { clock } = run.scope.execution;
  const next = nextOf(run.state);
  if (run.language === 'JSONata') {
    const waitMs = await jsonataWaitMs(run, clock.now());
    await sleep(run, waitMs);
    const output = (await jsonataFieldOf(run, 'Output')) ?? run.input;
    const assigned = await jsonataAssignOf(run);
    return { output, next, ...(assigned ? { assigned } : {}) };
  }
  const effectiveInput = effectiveInputOf(run);
  await sleep(run, jsonPathWaitMs(run, effectiveInput, clock.now()));
  const assigned = jsonPathAssignOf(run, effectiveInput);
  return { output: applyOutputPath(run, effectiveInput), next, ...(assigned ? { assigned } : {}) };
}

function jsonPathWaitMs(run: StateRun, effectiveInput: JsonValue, nowMs: number): number {
  const { state } = run;
  if (typeof state.Seconds === 'number') return state.Seconds * 1000;
  if (typeof state.Timestamp === 'string') return untilMs(run, 'Timestamp', state.Timestamp, nowMs, false);
  const query = queryOf(run, effectiveInput);
  if (typeof state.SecondsPath === 'string') {
    const seconds = selectField(state.SecondsPath, query);
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw runtimeError(
        run.location,
        `The SecondsPath parameter does not reference a valid integer value: ${JSON.stringify(seconds)}`,
      );
    }
    return seconds * 1000;
  }
  if (typeof state.TimestampPath === 'string') {
    return untilMs(run, 'TimestampPath', selectField(state.TimestampPath, query), nowMs, false);
  }
  return 0;
}

async function jsonataWaitMs(run: StateRun, nowMs: number): Promise<number> {
  const query = queryOf(run, run.input);
  if (run.state.Seconds !== undefined) {
    const seconds = await evaluateJsonataTemplate(run.state.Seconds, 'Seconds', query);
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw queryEvaluationError(
        run.location,
        `The JSONata expression '${String(run.state.Seconds)}' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '${typeof seconds}' for value: ${JSON.stringify(seconds)}`,
      );
    }
    return seconds * 1000;
  }
  if (run.state.Timestamp !== undefined) {
    const timestamp = await evaluateJsonataTemplate(run.state.Timestamp, 'Timestamp', query);
    return untilMs(run, 'Timestamp', timestamp, nowMs, true);
  }
  return 0;
}

function untilMs(run: StateRun, field: string, value: JsonValue, nowMs: number, jsonata: boolean): number {
  const at = timestampOf(value);
  if (at === undefined) {
    const detail = `The ${field} parameter does not reference a valid ISO-8601 extended offset date-time format string: ${JSON.stringify(value)}`;
    throw jsonata ? queryEvaluationError(run.location, detail) : runtimeError(run.location, detail);
  }
  return Math.max(0, at - nowMs);
}

async function sleep(run: StateRun, awsMs: number): Promise<void> {
  try {
    await run.scope.execution.clock.sleep(awsMs, run.scope.signal);
  } catch {
    throw new WorkflowAborted();
  }
}
