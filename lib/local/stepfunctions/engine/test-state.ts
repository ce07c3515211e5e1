import type { Clock, TimerHandle } from '../../clock';
import { ExecutionHistory } from '../execution-history';
import { catchError, nextRetryOf } from './error-handling';
import type { ExecutionScope, InspectionStep, QueryLanguage } from './execution-scope';
import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { effectiveInputOf, finishWithResult, parametersOf } from './state-io';
import { nextOf, type StateDefinition, type StateRun } from './state-run';
import { StatesError, toStatesError } from './states-error';
import type { TaskRunner } from './task-runner';
import { VariableScope } from './variables';
import { visitState } from './workflow-runner';

export type InspectionLevel = 'INFO' | 'DEBUG' | 'TRACE';

/** TestState's `mock`: the Task's result or error, instead of calling the integration. */
export type TestStateMock =
  { readonly result: JsonValue } | { readonly errorOutput: { readonly error: string; readonly cause: string } };

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
  /** Performs Task states (the local integrations); a Task without it or a mock fails with States.Runtime. */
  readonly taskRunner?: TaskRunner;
  /** Answers the Task in place of the integration. */
  readonly mock?: TestStateMock;
  /**
   * How many retries the retrier that matches the error has made (`stateConfiguration.retrierRetryCount`).
   * @default 0
   */
  readonly retrierRetryCount?: number;
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

/** Which retrier or catcher handles the error (InspectionErrorDetails of the API reference). */
export interface InspectionErrorDetails {
  readonly catchIndex?: number;
  readonly retryIndex?: number;
  readonly retryBackoffIntervalSeconds?: number;
}

/** The data at each step of the state's processing (DEBUG and TRACE levels). */
export interface InspectionData {
  readonly input: JsonValue;
  readonly afterInputPath?: JsonValue;
  readonly afterParameters?: JsonValue;
  readonly afterArguments?: JsonValue;
  readonly result?: JsonValue;
  readonly afterResultSelector?: JsonValue;
  readonly afterResultPath?: JsonValue;
  readonly variables?: Record<string, JsonValue>;
  readonly errorDetails?: InspectionErrorDetails;
}

/** The state types whose Parameters TestState reports as `afterParameters`. */
const PARAMETERIZED_TYPES = new Set(['Pass', 'Task', 'Map', 'Parallel']);

/**
 * Runs one state as the TestState API does (developer guide, "Using TestState API to test a
 * state"): no retry is made (an error a retrier matches answers RETRIABLE with the retrier's
 * index and back-off), a catcher that matches answers CAUGHT_ERROR with its output, next state
 * and index, Waits do not wait. A Task calls its integration through `taskRunner`, once, unless
 * `mock` answers for it.
 */
export async function testState(options: TestStateOptions): Promise<TestStateResult> {
  const name = options.stateName ?? 'TestState';
  const state = options.definition as StateDefinition;
  const language: QueryLanguage = state.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  const clock = immediateClock(options.clock);
  const history = new ExecutionHistory(clock);
  const steps: Partial<Record<InspectionStep | 'afterArguments', JsonValue>> = {};
  const runTask: TaskRunner = async (invocation) => {
    steps.afterArguments = invocation.arguments;
    const result = await taskResultOf(options, invocation);
    steps.result = result;
    return result;
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
    inspect: (step, value) => {
      steps[step] = value;
    },
  };
  const variables = new VariableScope();
  variables.assign(options.variables ?? {});
  const scope = { execution, variables, queryLanguage: language, signal: new AbortController().signal };
  const withoutRetry: StateDefinition = { ...state };
  delete withoutRetry.Retry;
  const inspect = (options.inspectionLevel ?? 'INFO') !== 'INFO';
  const before = inspect ? inputStepsOf(name, state, options.input, scope, language) : undefined;
  const inspectionData = (extra: Partial<InspectionData> = {}): { inspectionData?: InspectionData } => {
    if (!before) return {};
    const isTask = state.Type === 'Task';
    const data: InspectionData = {
      ...before,
      ...(isTask && language === 'JSONPath' && steps.afterArguments !== undefined
        ? { afterParameters: steps.afterArguments }
        : {}),
      ...(isTask && language === 'JSONata' && steps.afterArguments !== undefined
        ? { afterArguments: steps.afterArguments }
        : {}),
      ...(steps.result !== undefined ? { result: steps.result } : {}),
      ...(language === 'JSONPath' && steps.afterResultSelector !== undefined
        ? { afterResultSelector: steps.afterResultSelector }
        : {}),
      ...(language === 'JSONPath' && steps.afterResultPath !== undefined
        ? { afterResultPath: steps.afterResultPath }
        : {}),
      ...extra,
    };
    return { inspectionData: data };
  };
  try {
    const outcome =
      options.mock && (state.Type === 'Map' || state.Type === 'Parallel')
        ? await mockedOutcome(runOf(name, state, options.input, scope, language), options.mock, variables)
        : await visitState(name, withoutRetry, options.input, scope, { catching: false });
    const assigned = variables.all();
    return {
      status: 'SUCCEEDED',
      output: outcome.output,
      ...(outcome.next !== undefined ? { nextState: outcome.next } : {}),
      ...inspectionData(Object.keys(assigned).length > 0 ? { variables: assigned } : {}),
    };
  } catch (thrown) {
    const error = toStatesError(thrown);
    const failed = {
      ...(error.error !== '' ? { error: error.error } : {}),
      ...(error.cause !== '' ? { cause: error.cause } : {}),
    };
    const retriers = Array.isArray(state.Retry) ? state.Retry.filter(isJsonObject) : [];
    const retry = nextRetryOf(retriers, error, () => options.retrierRetryCount ?? 0);
    if (retry) {
      return {
        status: 'RETRIABLE',
        ...failed,
        ...inspectionData({
          errorDetails: { retryIndex: retry.retryIndex, retryBackoffIntervalSeconds: retry.backoffIntervalSeconds },
        }),
      };
    }
    let caught: Awaited<ReturnType<typeof catchError>>;
    try {
      caught = await catchError(runOf(name, state, options.input, scope, language), error);
    } catch (catcherError) {
      // A catcher whose ResultPath or Output cannot be applied fails the state (States.Runtime).
      const runtime = toStatesError(catcherError);
      return { status: 'FAILED', error: runtime.error, cause: runtime.cause, ...inspectionData() };
    }
    if (caught) {
      return {
        status: 'CAUGHT_ERROR',
        output: caught.output,
        nextState: caught.next,
        ...failed,
        ...inspectionData({ errorDetails: { catchIndex: caught.catchIndex } }),
      };
    }
    return { status: 'FAILED', ...failed, ...inspectionData() };
  }
}

/**
 * A mocked Map or Parallel state: the mock's result stands for the iterations' or branches'
 * results (then ResultSelector, ResultPath, Output and Assign apply); its error is the state's.
 */
async function mockedOutcome(
  run: StateRun,
  mock: TestStateMock,
  variables: VariableScope,
): Promise<{ output: JsonValue; next?: string }> {
  if (!('result' in mock)) throw new StatesError(mock.errorOutput.error, mock.errorOutput.cause);
  run.scope.execution.inspect?.('result', mock.result);
  const finished = await finishWithResult(run, mock.result);
  if (finished.assigned) variables.assign(finished.assigned);
  const next = nextOf(run.state);
  return { output: finished.output, ...(next !== undefined ? { next } : {}) };
}

function runOf(
  name: string,
  state: StateDefinition,
  input: JsonValue,
  scope: StateRun['scope'],
  language: QueryLanguage,
): StateRun {
  return {
    name,
    state,
    scope,
    language,
    location: { stateName: name, enteredEventId: 1 },
    enteredTime: scope.execution.clock.now(),
    input,
  };
}

/** The Task's raw result: the mock's, or the integration's. */
async function taskResultOf(options: TestStateOptions, invocation: Parameters<TaskRunner>[0]): Promise<JsonValue> {
  const { mock } = options;
  if (mock && 'result' in mock) return mock.result;
  if (mock) throw new StatesError(mock.errorOutput.error, mock.errorOutput.cause);
  if (!options.taskRunner) throw new StatesError('States.Runtime', `no task runner for '${invocation.resource}'`);
  return options.taskRunner(invocation);
}

/**
 * What TestState reports before the state acts: the input and, in JSONPath, the input after
 * InputPath and (for states that take them, but not a Pass with a Result) Parameters. A Task's
 * Parameters are taken from what it actually sent, with the context object.
 */
function inputStepsOf(
  name: string,
  state: StateDefinition,
  input: JsonValue,
  scope: StateRun['scope'],
  language: QueryLanguage,
): InspectionData {
  if (language === 'JSONata') return { input };
  if (state.Type === 'Pass' && state.Result !== undefined) return { input };
  const run = runOf(name, state, input, scope, language);
  try {
    const afterInputPath = effectiveInputOf(run);
    if (!PARAMETERIZED_TYPES.has(String(state.Type)) || state.Type === 'Task') return { input, afterInputPath };
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
