import { evaluateDynamicValue } from '../query/jsonpath-query';
import { evaluateJsonataTemplate } from '../query/jsonata-query';
import { queryOf, type StateOutcome, type StateRun } from '../state-run';
import { runtimeError, StatesError } from '../states-error';
import type { JsonValue } from '../json';

/**
 * Fail: fails its workflow with `Error` and `Cause` — literal, from `ErrorPath` / `CausePath`
 * (a path or an intrinsic function), or JSONata expressions.
 */
export async function runFail(run: StateRun): Promise<StateOutcome> {
  const error = await fieldOf(run, 'Error');
  const cause = await fieldOf(run, 'Cause');
  throw new StatesError(error ?? '', cause ?? '');
}

async function fieldOf(run: StateRun, field: 'Error' | 'Cause'): Promise<string | undefined> {
  let value: JsonValue | undefined = run.state[field];
  const query = queryOf(run, run.input);
  if (run.language === 'JSONata' && value !== undefined) {
    value = await evaluateJsonataTemplate(value, field, query);
  } else if (typeof run.state[`${field}Path`] === 'string') {
    value = evaluateDynamicValue(`${field}Path`, run.state[`${field}Path`] as string, query);
  }
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw runtimeError(
      run.location,
      `The value of the field '${field}' must be a string, but was '${JSON.stringify(value)}'`,
    );
  }
  return value;
}
