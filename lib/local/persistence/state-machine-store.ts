import type { LocalStepFunctions, StoredStateMachine } from '../stepfunctions';
import type { DurableStore } from './durable-store';
import { JournaledRecords, type RecordRestorer } from './kept-records';

/**
 * Step Functions state machines under `--data`: those created through the API (CreateStateMachine)
 * and every change made through it (UpdateStateMachine, tags, DeleteStateMachine). Restore before
 * the kept executions, so an execution of such a machine resumes too. Versions and aliases are
 * not kept.
 */
export class StateMachineStore extends JournaledRecords<StoredStateMachine, LocalStepFunctions> {
  constructor(store: DurableStore) {
    super(store, 'states/machine/', (machine) => machine.arn, stateMachinesRestorer);
  }
}

/**
 * A kept machine replaces the template's of its ARN, unless this version can no longer prepare its
 * definition (then it is forgotten, as its executions will be); a deleted one is forgotten again.
 */
function stateMachinesRestorer(stepFunctions: LocalStepFunctions): RecordRestorer<StoredStateMachine> {
  return {
    restore: (machine) => {
      try {
        stepFunctions.catalog.restore(machine);
        return true;
      } catch {
        return false;
      }
    },
    forget: (arn) => stepFunctions.catalog.forget(arn),
  };
}
