import { StateMachine, type StateMachineDefinition } from './asl-interpreter';
import { definitionCheckCache } from './definition-check-cache';
import { isRunnableDefinition } from './engine/run-execution';
import type { JsonObject } from './engine/json';
import { InvalidDefinitionError } from './stepfunctions-errors';

/** One state of the definition (nested Parallel branches and Map processors included). */
export interface StateInfo {
  readonly name: string;
  /** The type written in the definition. */
  readonly type: string;
  /** Task states: the `Resource`. */
  readonly resource?: string;
}

/**
 * A definition ready for the local cloud's ASL interpreter (`engine/`), which runs it as
 * written: every duration is AWS time on the local Clock, so nothing is rescaled.
 */
export interface PreparedDefinition {
  /** The definition as registered, parsed. */
  readonly original: JsonObject;
  /** Every state by name (names are unique in a state machine, nested ones included). */
  readonly states: ReadonlyMap<string, StateInfo>;
  /** See `PrepareOptions.minTaskTimeoutWallSeconds`. */
  readonly minTaskTimeoutWallSeconds: number;
}

export interface PrepareOptions {
  /**
   * Smallest wall-clock Task timeout, in seconds. Under a time scale a task's wall-clock costs
   * (a function's cold start) are multiplied into AWS time and could outlast a scaled
   * `TimeoutSeconds`; the floor keeps them from counting as timeouts.
   * @default 0
   */
  readonly minTaskTimeoutWallSeconds?: number;
  /**
   * Check the definition with asl-validator. It compiles its JSON schemas on every call (about
   * a second), so results are cached per definition text, across restarts too.
   * @default true
   */
  readonly validate?: boolean;
}

/** The constructor's problem with a definition, `null` for none. */
const validated = definitionCheckCache<string | null>('asl-interpreter', ['asl-validator', 'aws-local-stepfunctions']);

/**
 * Parses and validates a definition for local runs (JSONPath and JSONata alike).
 * @throws InvalidDefinitionError when it is not JSON or not valid ASL
 */
export function prepareDefinition(
  stateMachineName: string,
  definitionText: string,
  options: PrepareOptions = {},
): PreparedDefinition {
  let original: unknown;
  try {
    original = JSON.parse(definitionText);
  } catch (error) {
    throw new InvalidDefinitionError(stateMachineName, `not json: ${(error as Error).message.toLowerCase()}`);
  }
  if (!isRunnableDefinition(original)) {
    throw new InvalidDefinitionError(stateMachineName, 'it must be an object with StartAt and States');
  }
  if (options.validate ?? true) {
    const problem = validationProblem(definitionText);
    if (problem !== undefined) throw new InvalidDefinitionError(stateMachineName, problem);
  }
  const states = new Map<string, StateInfo>();
  collectStates(original, states);
  return { original, states, minTaskTimeoutWallSeconds: options.minTaskTimeoutWallSeconds ?? 0 };
}

/** Runs asl-validator (through aws-local-stepfunctions' constructor) once per definition text. */
function validationProblem(definitionText: string): string | undefined {
  const problem = validated.answer(definitionText, () => {
    try {
      // The validator writes QueryLanguage into the states it checks: give it its own copy.
      new StateMachine(JSON.parse(definitionText) as StateMachineDefinition);
      return null;
    } catch (error) {
      return (error as Error).message.replace(/\s+/g, ' ').trim();
    }
  });
  return problem ?? undefined;
}

function collectStates(workflow: JsonObject, states: Map<string, StateInfo>): void {
  for (const [name, state] of Object.entries(workflow.States as Record<string, JsonObject>)) {
    if (typeof state !== 'object' || state === null) continue;
    const type = String(state.Type);
    states.set(name, { name, type, ...(type === 'Task' ? { resource: String(state.Resource) } : {}) });
    const nested = [
      ...(Array.isArray(state.Branches) ? state.Branches : []),
      state.ItemProcessor,
      state.Iterator,
    ].filter(isRunnableDefinition);
    for (const inner of nested) collectStates(inner, states);
  }
}
