import { applyOutputPath, effectiveInputOf, jsonataFieldOf } from '../state-io';
import type { StateOutcome, StateRun } from '../state-run';

/** Succeed: ends its workflow with its input (InputPath / OutputPath, or JSONata Output). */
export async function runSucceed(run: StateRun): Promise<StateOutcome> {
  if (run.language === 'JSONata') return { output: (await jsonataFieldOf(run, 'Output')) ?? run.input };
  return { output: applyOutputPath(run, effectiveInputOf(run)) };
}
