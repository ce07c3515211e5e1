import { contextObject } from './context-object';
import type { QueryLanguage, WorkflowScope } from './execution-scope';
import type { JsonObject, JsonValue } from './json';
import type { QueryContext } from './query/query-context';
import type { StateLocation } from './states-error';

/** A state as written in the definition. */
export type StateDefinition = JsonObject & { readonly Type: string };

/** One visit of a state: what its type's action needs to know. */
export interface StateRun {
  readonly name: string;
  readonly state: StateDefinition;
  readonly scope: WorkflowScope;
  readonly language: QueryLanguage;
  readonly location: StateLocation;
  readonly enteredTime: number;
  /** The state's raw input (`$states.input`). */
  readonly input: JsonValue;
}

/** What a state's action ends with. */
export interface StateOutcome {
  readonly output: JsonValue;
  /** The next state; undefined when the state ends its workflow. */
  readonly next?: string;
  /** Variables the state assigns (applied once it has exited). */
  readonly assigned?: Readonly<Record<string, JsonValue>>;
}

/** The context object of the state, on attempt `retryCount`. */
export function contextOf(run: StateRun, retryCount = 0, extras: { readonly taskToken?: string } = {}): JsonObject {
  return contextObject(
    run.scope.execution.identity,
    { name: run.name, enteredTime: run.enteredTime, retryCount },
    { ...extras, ...(run.scope.mapItem ? { mapItem: run.scope.mapItem } : {}) },
  );
}

/** An evaluation context of the state: `$` is `data`. */
export function queryOf(
  run: StateRun,
  data: JsonValue,
  extras: { readonly result?: JsonValue; readonly errorOutput?: JsonValue; readonly context?: JsonObject } = {},
): QueryContext {
  return {
    data,
    states: {
      input: run.input,
      context: extras.context ?? contextOf(run),
      ...(extras.result !== undefined ? { result: extras.result } : {}),
      ...(extras.errorOutput !== undefined ? { errorOutput: extras.errorOutput } : {}),
    },
    variables: run.scope.variables,
    location: run.location,
    random: run.scope.execution.random,
  };
}

/** `Next`, or undefined for `End: true`. */
export function nextOf(state: JsonObject): string | undefined {
  return typeof state.Next === 'string' ? state.Next : undefined;
}
