import type { LocalStepFunctions, StateMachineJournal, StoredStateMachine } from '../stepfunctions';
import type { DurableStore } from './durable-store';
import { KeptRecords } from './kept-records';

/**
 * Step Functions state machines under `--data`: those created through the API (CreateStateMachine)
 * and every change made through it (UpdateStateMachine, tags, DeleteStateMachine), put back before
 * the kept executions so an execution of such a machine resumes too. Versions and aliases are
 * not kept.
 */
export class StateMachineStore implements StateMachineJournal {
  private readonly machines: KeptRecords<StoredStateMachine>;

  constructor(store: DurableStore) {
    this.machines = new KeptRecords(store, 'states/machine/');
  }

  machineChanged(machine: StoredStateMachine): void {
    this.machines.changed(machine.arn, machine);
  }

  machineDeleted(arn: string): void {
    this.machines.deleted(arn);
  }

  /**
   * Puts back the kept machines over the template's; call before the executions are put back.
   * @returns how many
   */
  async restore(stepFunctions: LocalStepFunctions): Promise<number> {
    return this.machines.restore(await this.machines.load(), {
      restore: (machine) => {
        try {
          stepFunctions.catalog.restore(machine);
          return true;
        } catch {
          // A definition this version cannot prepare any more: forgotten, as its executions will be.
          return false;
        }
      },
      forget: (arn) => stepFunctions.catalog.forget(arn),
    });
  }
}
