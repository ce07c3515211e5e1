import type { Clock, TimerHandle } from '../../clock';
import { ExecutionHistory } from '../execution-history';
import { catchError, RetryCounter } from './error-handling';
import type { ExecutionScope, QueryLanguage } from './execution-scope';
import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { effectiveInputOf, parametersOf } from './state-io';
import type { StateDefinition, StateRun } from './state-run';
import { toStatesError } from './states-error';
import type { TaskRunner } from './task-runner';
import { VariableScope } from './variables';
import { visitState } from './workflow-runner';

export type InspectionLevel = 'INFO' | 'DEBUG' | 'TRACE';

export interface TestStateOptions {
  /** The one state to run, as written in a definition. */
  readonly definition: JsonObject;
  /** @default 'TestState' */
  readonly stateName?: string;
  readonly input: JsonValue;
  /** Workflow variables the state sees. */
  readonly variables?: Readonly<Record<string, JsonValue>>;
  readonly roleArn: string;
  /** @default 'INFO' */
  readonly inspectionLevel?: InspectionLevel;
  /** Performs Task states (the local integrations); a Task without it fails with States.Runtime. */
  readonly taskRunner?: TaskRunner;
  /** AWS time for the context object. Waits are not waited. */
  readonly clock: Clock;
  /** The execution the state pretends to belong to. */
  readonly executionArn?: string;
  readonly stateMachineArn?: string;
}

/** TestState's answer (API shape, before JSON text encoding of the values). */
export interface TestStateResult {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
  readonly nextState?: string;
  readonly inspectionData?: InspectionData;
}

/** The data at each step of the state's processing (DEBUG and TRACE levels). */
export interface InspectionData {
  readonly input: JsonValue;
  readonly afterInputPath?: JsonValue;
  readonly afterParameters?: JsonValue;
  readonly afterArguments?: JsonValue;
  readonly result?: JsonValue;
  readonly variables?: Record<string, JsonValue>;
}

/**
 * Runs one state as the TestState API does (developer guide, "Using TestState API to test a
 * state"): no retry is made (an error a retrier matches answers RETRIABLE), a catcher that
 * matches answers CAUGHT_ERROR with its output and next state, Waits do not wait.
 */
export async function testState(options: TestStateOptions): Promise<TestStateResult> {
  const name = options.stateName ?? 'TestState';
  const state = options.definition as StateDefinition;
  const language: QueryLanguage = state.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  const clock = immediateClock(options.clock);
  const history = new ExecutionHistory(clock);
  let taskResult: JsonValue | undefined;
  const runTask: TaskRunner = async (invocation) => {
    if (!options.taskRunner) throw new Error(`no task runner for '${invocation.resource}'`);
    taskResult = await options.taskRunner(invocation);
    return taskResult;
  };
  const executionArn =
    options.executionArn ?? 'arn:aws:states:us-east-1:000000000000:execution:TestStateMachine:test-state';
  const execution: ExecutionScope = {
    identity: {
      executionArn,
      executionName: executionArn.split(':').pop() ?? 'test-state',
      input: options.input,
      roleArn: options.roleArn,
      startTime: clock.now(),
      stateMachineArn: options.stateMachineArn ?? 'arn:aws:states:us-east-1:000000000000:stateMachine:TestStateMachine',
      stateMachineName: 'TestStateMachine',
    },
    clock,
    history,
    runTask,
    random: Math.random,
    minTaskTimeoutWallSeconds: 0,
  };
  const variables = new VariableScope();
  variables.assign(options.variables ?? {});
  const scope = { execution, variables, queryLanguage: language, signal: new AbortController().signal };
  const withoutRetry: StateDefinition = { ...state };
  delete withoutRetry.Retry;
  const inspect = (options.inspectionLevel ?? 'INFO') !== 'INFO';
  const inspection = inspect ? inspectionOf(name, state, options.input, scope, language) : undefined;
  try {
    const outcome = await visitState(name, withoutRetry, options.input, scope, { catching: false });
    return {
      status: 'SUCCEEDED',
      output: outcome.output,
      ...(outcome.next !== undefined ? { nextState: outcome.next } : {}),
      ...(inspection
        ? {
            inspectionData: {
              ...inspection,
              ...(taskResult !== undefined ? { result: taskResult } : {}),
              variables: variables.all(),
            },
          }
        : {}),
    };
  } catch (thrown) {
    const error = toStatesError(thrown);
    const failed = {
      ...(error.error !== '' ? { error: error.error } : {}),
      ...(error.cause !== '' ? { cause: error.cause } : {}),
      ...(inspection ? { inspectionData: inspection } : {}),
    };
    const retriers = Array.isArray(state.Retry) ? state.Retry.filter(isJsonObject) : [];
    if (new RetryCounter(retriers).nextDelayMs(error, () => 0) !== undefined) return { status: 'RETRIABLE', ...failed };
    const run: StateRun = {
      name,
      state,
      scope,
      language,
      location: { stateName: name, enteredEventId: 1 },
      enteredTime: clock.now(),
      input: options.input,
    };
    const caught = await catchError(run, error);
    if (caught) return { status: 'CAUGHT_ERROR', output: caught.output, nextState: caught.next, ...failed };
    return { status: 'FAILED', ...failed };
  }
}

function inspectionOf(
  name: string,
  state: StateDefinition,
  input: JsonValue,
  scope: StateRun['scope'],
  language: QueryLanguage,
): InspectionData {
  const run: StateRun = {
    name,
    state,
    scope,
    language,
    location: { stateName: name, enteredEventId: 1 },
    enteredTime: scope.execution.clock.now(),
    input,
  };
  if (language === 'JSONata') return { input };
  try {
    const afterInputPath = effectiveInputOf(run);
    const template = state.Type === 'Map' ? undefined : state.Parameters;
    return { input, afterInputPath, afterParameters: parametersOf(run, afterInputPath, template) };
  } catch {
    return { input };
  }
}

/** The given clock, except that waiting takes no time (TestState does not wait). */
function immediateClock(clock: Clock): Clock {
  return {
    timeScale: clock.timeScale,
    now: () => clock.now(),
    toWallMs: () => 0,
    sleep: async () => undefined,
    setTimer: (awsMs: number, callback: () => void): TimerHandle => clock.setTimer(awsMs, callback),
  };
}
