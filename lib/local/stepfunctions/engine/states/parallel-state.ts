import { setMaxListeners } from 'node:events';
import { isJsonObject } from '../json';
import { withRetry } from '../retry';
import { effectiveInputOf, finishWithResult, jsonataFieldOf, parametersOf } from '../state-io';
import { nextOf, type StateOutcome, type StateRun } from '../state-run';
import { runWorkflow } from '../workflow-runner';

/**
 * Parallel: runs every branch on the same input, each in its own variable scope (it reads the
 * outer variables; what it assigns stays inside), and outputs their outputs in branch order.
 * The first branch to fail fails the state and stops the others.
 */
export async function runParallel(run: StateRun): Promise<StateOutcome> {
  const branches = Array.isArray(run.state.Branches) ? run.state.Branches.filter(isJsonObject) : [];
  const result = await withRetry(run, async () => {
    const branchInput =
      run.language === 'JSONata'
        ? ((await jsonataFieldOf(run, 'Arguments')) ?? run.input)
        : parametersOf(run, effectiveInputOf(run), run.state.Parameters);
    const { history } = run.scope.execution;
    history.add('ParallelStateStarted');
    const stop = new AbortController();
    // Every running Task and Wait of the workflow listens to it.
    setMaxListeners(0, stop.signal);
    const onOuterAbort = () => stop.abort();
    run.scope.signal.addEventListener('abort', onOuterAbort, { once: true });
    try {
      const outputs = await Promise.all(
        branches.map((branch) =>
          runWorkflow(branch, branchInput, {
            ...run.scope,
            variables: run.scope.variables.child(),
            signal: stop.signal,
          }).catch((error: unknown) => {
            stop.abort();
            throw error;
          }),
        ),
      );
      history.add('ParallelStateSucceeded');
      return outputs;
    } catch (error) {
      if (!run.scope.signal.aborted) history.add('ParallelStateFailed');
      throw error;
    } finally {
      run.scope.signal.removeEventListener('abort', onOuterAbort);
    }
  });
  const finished = await finishWithResult(run, result);
  return { ...finished, next: nextOf(run.state) };
}
