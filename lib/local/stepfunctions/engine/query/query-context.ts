import type { JsonObject, JsonValue } from '../json';
import type { StateLocation } from '../states-error';
import type { VariableScope } from '../variables';

/** The `$states` reserved variable (developer guide, "Reserved variable: $states"). */
export interface StatesVariable {
  readonly input: JsonValue;
  readonly context: JsonObject;
  readonly result?: JsonValue;
  readonly errorOutput?: JsonValue;
}

/** What an expression of a state can see while it is evaluated. */
export interface QueryContext {
  /** What `$` selects (JSONPath) — the effective input, a result, an error output. */
  readonly data: JsonValue;
  readonly states: StatesVariable;
  readonly variables: VariableScope;
  readonly location: StateLocation;
  readonly random: () => number;
}
