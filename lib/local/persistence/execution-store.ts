import type { ExecutionJournal, LocalExecution, LocalStepFunctions, StoredExecution } from '../stepfunctions';
import type { DurableStore } from './durable-store';

const EXECUTION_PREFIX = 'states/execution/';

/**
 * Step Functions under `--data`: each execution's description and history, and for a running
 * one the top-level state it is about to enter with that state's input and the variables. After
 * a restart an ended execution is described and listed as before; a running one enters that
 * state again (its Task runs again if it had started: at least once).
 */
export class ExecutionStore implements ExecutionJournal {
  constructor(private readonly store: DurableStore) {}

  executionChanged(execution: LocalExecution): void {
    this.store.put(`${EXECUTION_PREFIX}${execution.executionArn}`, () => execution.toStored());
  }

  /**
   * Brings back the kept executions.
   * @returns how many were running (and resume)
   */
  async restore(stepFunctions: LocalStepFunctions): Promise<number> {
    let resumed = 0;
    for (const [key, value] of await this.store.load(EXECUTION_PREFIX)) {
      const stored = value as StoredExecution;
      if (!stepFunctions.restoreExecution(stored)) this.store.del(key);
      else if (stored.description.status === 'RUNNING') resumed++;
    }
    return resumed;
  }
}
