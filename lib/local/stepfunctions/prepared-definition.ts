import { StateMachine, type StateMachineDefinition } from './asl-interpreter';
import { InvalidDefinitionError } from './stepfunctions-errors';

/** The `Resource` of the internal Task that stands in for a Wait state (never sent anywhere). */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';

/** How long a Wait state waits, as its definition says. */
export interface WaitSpec {
  readonly seconds?: number;
  readonly timestamp?: string;
  readonly secondsPath?: string;
  readonly timestampPath?: string;
}

/** One state of the definition (nested Parallel branches and Map processors included). */
export interface StateInfo {
  readonly name: string;
  /** The type written in the definition (`Wait` even though a Task runs it). */
  readonly type: string;
  /** Task states: the `Resource`. */
  readonly resource?: string;
  /** Task states: `TimeoutSeconds` in AWS seconds, when given. */
  readonly timeoutSeconds?: number;
  /** Wait states: how long. */
  readonly wait?: WaitSpec;
}

/**
 * A definition ready for the interpreter, and what the local cloud needs to know about its
 * states. The interpreter measures every duration in wall time; the local cloud's durations are
 * AWS time (Clock), so the runnable copy has them divided by the time scale:
 *
 * - Retry `IntervalSeconds` (default 1) and `MaxDelaySeconds`: the interpreter's back-off,
 *   `min(IntervalSeconds × BackoffRate^n, MaxDelaySeconds)` with optional FULL jitter, is linear in
 *   both, so scaling them scales every pause exactly.
 * - Task `TimeoutSeconds` (absent: AWS's default of 99999999 s, capped to what a timer can hold)
 *   and the top-level `TimeoutSeconds`. `TimeoutSecondsPath` is read at run time and not scaled.
 * - Wait states become internal Tasks (`LOCAL_WAIT_RESOURCE`) whose local handler sleeps on the
 *   Clock, so `Seconds`, `SecondsPath`, `Timestamp` and `TimestampPath` all follow AWS time.
 *
 * `HeartbeatSeconds` is ignored (no activity or callback integrations run locally).
 */
export interface PreparedDefinition {
  /** The definition as registered. */
  readonly original: StateMachineDefinition;
  /** The copy the interpreter runs. */
  readonly runnable: StateMachineDefinition;
  /** Every state by name (names are unique in a state machine, nested ones included). */
  readonly states: ReadonlyMap<string, StateInfo>;
}

export interface PrepareOptions {
  /** AWS ms per wall ms (the Clock's `timeScale`). */
  readonly timeScale: number;
  /**
   * Smallest wall-clock Task timeout, in seconds. Under a time scale a task's wall-clock costs
   * (a function's cold start) are multiplied into AWS time and could outlast a scaled
   * `TimeoutSeconds`; the floor keeps them from counting as timeouts.
   * @default 0
   */
  readonly minTaskTimeoutWallSeconds?: number;
  /**
   * Check the definition with the interpreter's validator (asl-validator). It compiles its JSON
   * schemas on every call (about a second), so results are cached per definition text.
   * @default true
   */
  readonly validate?: boolean;
}

/** The largest timer Node keeps (2^31 - 1 ms), in seconds, with a margin. */
const MAX_TIMER_SECONDS = 2_000_000;
/** AWS's Task timeout when the state sets none. */
const AWS_DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;

const validated = new Map<string, string | undefined>();

type JsonObject = Record<string, unknown>;

/**
 * Parses, validates and prepares a definition for local runs.
 * @throws InvalidDefinitionError when it is not JSON, not valid ASL, or uses JSONata
 */
export function prepareDefinition(
  stateMachineName: string,
  definitionText: string,
  options: PrepareOptions,
): PreparedDefinition {
  let original: StateMachineDefinition;
  try {
    original = JSON.parse(definitionText) as StateMachineDefinition;
  } catch (error) {
    throw new InvalidDefinitionError(stateMachineName, `not json: ${(error as Error).message.toLowerCase()}`);
  }
  if (!isObject(original) || !isObject(original.States) || typeof original.StartAt !== 'string') {
    throw new InvalidDefinitionError(stateMachineName, 'it must be an object with StartAt and States');
  }
  if (usesJsonata(original)) {
    throw new InvalidDefinitionError(
      stateMachineName,
      "QueryLanguage 'JSONata' is not supported by the local interpreter",
    );
  }
  if (options.validate ?? true) {
    const problem = validationProblem(definitionText);
    if (problem !== undefined) throw new InvalidDefinitionError(stateMachineName, problem);
  }
  const states = new Map<string, StateInfo>();
  // A second parse, not structuredClone: the interpreter tells payload templates from values by
  // their prototype, and structuredClone may build objects of another realm (as under Jest).
  const runnable = scaleMachine(
    JSON.parse(definitionText) as JsonObject,
    options.timeScale,
    states,
    options.minTaskTimeoutWallSeconds ?? 0,
  ) as unknown as StateMachineDefinition;
  if (typeof original.TimeoutSeconds === 'number') {
    // The whole execution gets a floor too: ten task floors, since its steps' wall-clock costs
    // are multiplied into AWS time just as a single task's are.
    (runnable as { TimeoutSeconds?: number }).TimeoutSeconds = Math.max(
      original.TimeoutSeconds / options.timeScale,
      10 * (options.minTaskTimeoutWallSeconds ?? 0),
    );
  }
  return { original, runnable, states };
}

/** Runs asl-validator (through the interpreter's constructor) once per definition text. */
function validationProblem(definitionText: string): string | undefined {
  if (!validated.has(definitionText)) {
    let problem: string | undefined;
    try {
      // The validator writes QueryLanguage into the states it checks: give it its own copy.
      new StateMachine(JSON.parse(definitionText) as StateMachineDefinition);
    } catch (error) {
      problem = (error as Error).message.replace(/\s+/g, ' ').trim();
    }
    validated.set(definitionText, problem);
  }
  return validated.get(definitionText);
}

/** Scales the states of one machine (the root, a Parallel branch, a Map processor) in place. */
function scaleMachine(
  machine: JsonObject,
  timeScale: number,
  states: Map<string, StateInfo>,
  minTaskTimeoutWallSeconds: number,
): JsonObject {
  const machineStates = machine.States as Record<string, JsonObject>;
  for (const [name, state] of Object.entries(machineStates)) {
    machineStates[name] = scaleState(name, state, timeScale, states, minTaskTimeoutWallSeconds);
  }
  return machine;
}

function scaleState(
  name: string,
  state: JsonObject,
  timeScale: number,
  states: Map<string, StateInfo>,
  minTaskTimeoutWallSeconds: number,
): JsonObject {
  const type = String(state.Type);
  if (Array.isArray(state.Retry)) {
    state.Retry = (state.Retry as JsonObject[]).map((retrier) => scaleRetrier(retrier, timeScale));
  }
  switch (type) {
    case 'Task': {
      const timeoutSeconds = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined;
      states.set(name, {
        name,
        type,
        resource: String(state.Resource),
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
      });
      if (state.TimeoutSecondsPath === undefined) {
        state.TimeoutSeconds = Math.min(
          Math.max((timeoutSeconds ?? AWS_DEFAULT_TASK_TIMEOUT_SECONDS) / timeScale, minTaskTimeoutWallSeconds),
          MAX_TIMER_SECONDS,
        );
      }
      return state;
    }
    case 'Wait': {
      states.set(name, { name, type, wait: waitSpecOf(state) });
      return waitAsTask(state);
    }
    case 'Parallel':
      states.set(name, { name, type });
      for (const branch of (state.Branches as JsonObject[] | undefined) ?? [])
        scaleMachine(branch, timeScale, states, minTaskTimeoutWallSeconds);
      return state;
    case 'Map': {
      states.set(name, { name, type });
      const processor = (state.ItemProcessor ?? state.Iterator) as JsonObject | undefined;
      if (processor) scaleMachine(processor, timeScale, states, minTaskTimeoutWallSeconds);
      return state;
    }
    default:
      states.set(name, { name, type });
      return state;
  }
}

function scaleRetrier(retrier: JsonObject, timeScale: number): JsonObject {
  const scaled: JsonObject = {
    ...retrier,
    IntervalSeconds: (typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1) / timeScale,
  };
  if (typeof retrier.MaxDelaySeconds === 'number') scaled.MaxDelaySeconds = retrier.MaxDelaySeconds / timeScale;
  return scaled;
}

function waitSpecOf(state: JsonObject): WaitSpec {
  return {
    ...(typeof state.Seconds === 'number' ? { seconds: state.Seconds } : {}),
    ...(typeof state.Timestamp === 'string' ? { timestamp: state.Timestamp } : {}),
    ...(typeof state.SecondsPath === 'string' ? { secondsPath: state.SecondsPath } : {}),
    ...(typeof state.TimestampPath === 'string' ? { timestampPath: state.TimestampPath } : {}),
  };
}

/**
 * A Task with the Wait's InputPath, OutputPath and transition. A Task without ResultPath or
 * ResultSelector outputs its result, and the wait handler returns its input: the same data flow.
 */
function waitAsTask(state: JsonObject): JsonObject {
  const task: JsonObject = { Type: 'Task', Resource: LOCAL_WAIT_RESOURCE, TimeoutSeconds: MAX_TIMER_SECONDS };
  for (const field of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']) {
    if (field in state) task[field] = state[field];
  }
  return task;
}

/** Whether the machine or any of its states (nested ones included) sets QueryLanguage JSONata. */
function usesJsonata(machine: JsonObject): boolean {
  if (machine.QueryLanguage === 'JSONata') return true;
  return Object.values((machine.States as Record<string, JsonObject> | undefined) ?? {}).some((state) => {
    if (!isObject(state)) return false;
    const nested = [
      ...((state.Branches as JsonObject[] | undefined) ?? []),
      state.ItemProcessor,
      state.Iterator,
    ].filter(isObject);
    return state.QueryLanguage === 'JSONata' || nested.some(usesJsonata);
  });
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
