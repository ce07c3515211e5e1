import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { writeJsonPath } from './query/jsonpath';
import { evaluatePayloadTemplate, selectField } from './query/jsonpath-query';
import { evaluateJsonataTemplate } from './query/jsonata-query';
import { queryOf, type StateRun } from './state-run';
import { runtimeError } from './states-error';

/**
 * The data flow of a state, in both query languages (developer guide, "Processing input and
 * output"): JSONPath's InputPath → Parameters → (action) → ResultSelector → ResultPath →
 * OutputPath, and JSONata's Arguments → (action) → Output, each with Assign.
 */

/** JSONPath: the input after InputPath (`null` discards it: `{}`). */
export function effectiveInputOf(run: StateRun): JsonValue {
  const inputPath = run.state.InputPath;
  if (inputPath === null) return {};
  if (typeof inputPath !== 'string') return run.input;
  return selectField(inputPath, queryOf(run, run.input));
}

/** JSONPath: Parameters (or another payload template) applied to the effective input. */
export function parametersOf(
  run: StateRun,
  effectiveInput: JsonValue,
  template: JsonValue | undefined,
  context?: JsonObject,
): JsonValue {
  if (template === undefined) return effectiveInput;
  return evaluatePayloadTemplate(template, queryOf(run, effectiveInput, context ? { context } : {}));
}

/** JSONata: a field evaluated with `$states.input` (and `$states.result` when given). */
export async function jsonataFieldOf(
  run: StateRun,
  field: string,
  extras: { readonly result?: JsonValue; readonly errorOutput?: JsonValue; readonly context?: JsonObject } = {},
): Promise<JsonValue | undefined> {
  const template = run.state[field];
  if (template === undefined) return undefined;
  return evaluateJsonataTemplate(template, field, queryOf(run, run.input, extras));
}

export interface Finished {
  readonly output: JsonValue;
  readonly assigned?: Readonly<Record<string, JsonValue>>;
}

/**
 * Everything after a state's action produced `result`: JSONPath ResultSelector, Assign (on the
 * selected result), ResultPath (into the raw input), OutputPath; JSONata Output (default: the
 * result) and Assign, both seeing the variables as they were when the state was entered.
 */
export async function finishWithResult(
  run: StateRun,
  result: JsonValue,
  options: { readonly selectable?: boolean } = {},
): Promise<Finished> {
  if (run.language === 'JSONata') {
    const output = (await jsonataFieldOf(run, 'Output', { result })) ?? result;
    const assigned = await jsonataAssignOf(run, { result });
    return { output, ...(assigned ? { assigned } : {}) };
  }
  const { inspect } = run.scope.execution;
  const selected =
    options.selectable !== false && run.state.ResultSelector !== undefined
      ? evaluatePayloadTemplate(run.state.ResultSelector, queryOf(run, result, { result }))
      : result;
  inspect?.('afterResultSelector', selected);
  const assigned = jsonPathAssignOf(run, selected, { result: selected });
  const withResult = applyResultPath(run, run.state.ResultPath, run.input, selected);
  inspect?.('afterResultPath', withResult);
  return { output: applyOutputPath(run, withResult), ...(assigned ? { assigned } : {}) };
}

/** JSONPath ResultPath: `null` keeps the input, a path writes the result into it. */
export function applyResultPath(
  run: StateRun,
  resultPath: JsonValue | undefined,
  input: JsonValue,
  result: JsonValue,
): JsonValue {
  if (resultPath === null) return input;
  const path = typeof resultPath === 'string' ? resultPath : '$';
  const written = writeJsonPath(path, input, result);
  if (written === undefined) {
    throw runtimeError(
      run.location,
      `Invalid path '${path}': The ResultPath could not be applied to the input '${JSON.stringify(input)}'`,
    );
  }
  return written;
}

/** JSONPath OutputPath: `null` discards everything (`{}`). */
export function applyOutputPath(run: StateRun, data: JsonValue): JsonValue {
  const outputPath = run.state.OutputPath;
  if (outputPath === null) return {};
  if (typeof outputPath !== 'string') return data;
  return selectField(outputPath, queryOf(run, data));
}

/** JSONPath Assign: a payload template over `data` (the state's selected result or input). */
export function jsonPathAssignOf(
  run: StateRun,
  data: JsonValue,
  extras: { readonly result?: JsonValue; readonly errorOutput?: JsonValue } = {},
  template: JsonValue | undefined = run.state.Assign,
): Record<string, JsonValue> | undefined {
  if (!isJsonObject(template)) return undefined;
  const assigned = evaluatePayloadTemplate(template, queryOf(run, data, extras));
  return isJsonObject(assigned) ? assigned : undefined;
}

/** JSONata Assign: each member evaluated (field names `Assign/<name>`). */
export async function jsonataAssignOf(
  run: StateRun,
  extras: { readonly result?: JsonValue; readonly errorOutput?: JsonValue } = {},
  template: JsonValue | undefined = run.state.Assign,
): Promise<Record<string, JsonValue> | undefined> {
  if (!isJsonObject(template)) return undefined;
  const assigned = await evaluateJsonataTemplate(template, 'Assign', queryOf(run, run.input, extras));
  return isJsonObject(assigned) ? assigned : undefined;
}
