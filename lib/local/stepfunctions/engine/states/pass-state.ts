import { effectiveInputOf, finishWithResult, jsonataFieldOf, jsonataAssignOf, parametersOf } from '../state-io';
import { nextOf, type StateOutcome, type StateRun } from '../state-run';

/** Pass: its `Result`, or its Parameters applied to the input (JSONPath); `Output` (JSONata). */
export async function runPass(run: StateRun): Promise<StateOutcome> {
  const next = nextOf(run.state);
  if (run.language === 'JSONata') {
    const output = (await jsonataFieldOf(run, 'Output')) ?? run.input;
    const assigned = await jsonataAssignOf(run);
    return { output, next, ...(assigned ? { assigned } : {}) };
  }
  const effectiveInput = effectiveInputOf(run);
  const result =
    run.state.Result !== undefined ? run.state.Result : parametersOf(run, effectiveInput, run.state.Parameters);
  if (run.state.Result !== undefined) run.scope.execution.inspect?.('result', result);
  const finished = await finishWithResult(run, result, { selectable: false });
  return { ...finished, next };
}
