import { NOT_TRUNCATED } from '../execution-history';
import { catchError } from './error-handling';
import type { QueryLanguage, WorkflowScope } from './execution-scope';
import { isJsonObject, jsonText, type JsonObject, type JsonValue } from './json';
import type { StateDefinition, StateOutcome, StateRun } from './state-run';
import { StatesError, toStatesError } from './states-error';
import { runChoice } from './states/choice-state';
import { runFail } from './states/fail-state';
import { runMap } from './states/map-state';
import { runParallel } from './states/parallel-state';
import { runPass } from './states/pass-state';
import { runSucceed } from './states/succeed-state';
import { runTask } from './states/task-state';
import { runWait } from './states/wait-state';
import { WorkflowAborted } from './workflow-aborted';

type StateAction = (run: StateRun) => Promise<StateOutcome>;

const ACTIONS: Record<string, StateAction> = {
  Pass: runPass,
  Task: runTask,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
};

/** State types whose errors their own Catch may handle. */
const CATCHING = new Set(['Task', 'Parallel', 'Map']);

/** Where a top-level run starts and what it reports between states (durable executions). */
export interface WorkflowCheckpoints {
  /** Start at this state instead of `StartAt` (an execution resumed after a restart). */
  readonly startAt?: string;
  /** Called before each state is entered, with its input. */
  readonly beforeState?: (stateName: string, input: JsonValue) => void;
}

/**
 * Runs a workflow (a state machine, a Parallel branch, a Map's item processor) from `StartAt`
 * to a terminal state.
 * @returns the last state's output
 * @throws StatesError when a state fails and nothing catches it; WorkflowAborted when stopped
 */
export async function runWorkflow(
  workflow: JsonObject,
  input: JsonValue,
  scope: WorkflowScope,
  checkpoints: WorkflowCheckpoints = {},
): Promise<JsonValue> {
  const states = isJsonObject(workflow.States) ? workflow.States : {};
  const language: QueryLanguage = workflow.QueryLanguage === 'JSONata' ? 'JSONata' : scope.queryLanguage;
  const inner: WorkflowScope = language === scope.queryLanguage ? scope : { ...scope, queryLanguage: language };
  let name = checkpoints.startAt ?? String(workflow.StartAt);
  let data = input;
  for (;;) {
    if (inner.signal.aborted) throw new WorkflowAborted();
    checkpoints.beforeState?.(name, data);
    const state = states[name];
    if (!isJsonObject(state) || typeof state.Type !== 'string') {
      throw new StatesError('States.Runtime', `the state '${name}' does not exist in the definition`);
    }
    const outcome = await visitState(name, state as StateDefinition, data, inner);
    data = outcome.output;
    if (outcome.next === undefined) return data;
    name = outcome.next;
  }
}

/**
 * One visit of a state: `<Type>StateEntered`, the type's action, Catch for Task / Parallel /
 * Map, `<Type>StateExited` (with the variables it assigned), then the variables take effect.
 */
export async function visitState(
  name: string,
  state: StateDefinition,
  input: JsonValue,
  scope: WorkflowScope,
  options: { readonly catching?: boolean } = {},
): Promise<StateOutcome> {
  const { execution } = scope;
  const language: QueryLanguage =
    state.QueryLanguage === 'JSONata' || state.QueryLanguage === 'JSONPath' ? state.QueryLanguage : scope.queryLanguage;
  const enteredTime = execution.clock.now();
  const enteredEventId = execution.history.add(`${state.Type}StateEntered`, {
    name,
    input: jsonText(input),
    inputDetails: NOT_TRUNCATED,
  });
  execution.onStateEntered?.(name);
  const run: StateRun = {
    name,
    state,
    scope,
    language,
    location: { stateName: name, enteredEventId },
    enteredTime,
    input,
  };
  const action = ACTIONS[state.Type];
  let outcome: StateOutcome;
  try {
    if (!action) throw new StatesError('States.Runtime', `the state type '${state.Type}' is not supported`);
    outcome = await action(run);
  } catch (thrown) {
    if (thrown instanceof WorkflowAborted || scope.signal.aborted) throw thrown;
    const error = toStatesError(thrown);
    const caught = CATCHING.has(state.Type) && options.catching !== false ? await catchError(run, error) : undefined;
    if (!caught) throw error;
    outcome = caught;
  }
  if (state.Type !== 'Fail') {
    execution.history.add(`${state.Type}StateExited`, {
      name,
      output: jsonText(outcome.output),
      outputDetails: NOT_TRUNCATED,
      ...(outcome.assigned && Object.keys(outcome.assigned).length > 0
        ? {
            assignedVariables: Object.fromEntries(
              Object.entries(outcome.assigned).map(([variable, value]) => [variable, jsonText(value)]),
            ),
            assignedVariablesDetails: NOT_TRUNCATED,
          }
        : {}),
    });
  }
  if (outcome.assigned) scope.variables.assign(outcome.assigned);
  return outcome;
}
