import { isJsonObject } from './json';
import { RetryCounter } from './error-handling';
import type { StateRun } from './state-run';
import { toStatesError } from './states-error';
import { WorkflowAborted } from './workflow-aborted';

/**
 * Runs a Task, Map or Parallel state's action with its Retry field: on an error a retrier
 * matches, it waits the retrier's delay (AWS time) and runs the action again, with the retry
 * count (`$$.State.RetryCount`) raised.
 */
export async function withRetry<T>(run: StateRun, action: (retryCount: number) => Promise<T>): Promise<T> {
  const retriers = Array.isArray(run.state.Retry) ? run.state.Retry.filter(isJsonObject) : [];
  const counter = new RetryCounter(retriers);
  const { clock, random } = run.scope.execution;
  for (;;) {
    try {
      return await action(counter.retryCount);
    } catch (thrown) {
      if (thrown instanceof WorkflowAborted || run.scope.signal.aborted) throw thrown;
      const error = toStatesError(thrown);
      const delayMs = counter.nextDelayMs(error, random);
      if (delayMs === undefined) throw error;
      await clock.sleep(delayMs, run.scope.signal).catch(() => {
        throw new WorkflowAborted();
      });
    }
  }
}
