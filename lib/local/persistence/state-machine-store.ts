import type { LocalStepFunctions, StateMachineJournal, StoredStateMachine } from '../stepfunctions';
import type { DurableStore } from './durable-store';

const MACHINE_PREFIX = 'states/machine/';

/** A deletion, kept so a template's machine deleted through the API stays deleted. */
interface Deleted {
  readonly deleted: true;
}

/**
 * Step Functions state machines under `--data`: those created through the API (CreateStateMachine)
 * and every change made through it (UpdateStateMachine, tags, DeleteStateMachine), put back before
 * the kept executions so an execution of such a machine resumes too. Versions and aliases are
 * not kept.
 */
export class StateMachineStore implements StateMachineJournal {
  constructor(private readonly store: DurableStore) {}

  machineChanged(machine: StoredStateMachine): void {
    this.store.put(`${MACHINE_PREFIX}${machine.arn}`, () => machine);
  }

  machineDeleted(arn: string): void {
    this.store.put(`${MACHINE_PREFIX}${arn}`, (): Deleted => ({ deleted: true }));
  }

  /**
   * Puts back the kept machines over the template's; call before the executions are put back.
   * @returns how many
   */
  async restore(stepFunctions: LocalStepFunctions): Promise<number> {
    let restored = 0;
    for (const [key, value] of await this.store.load(MACHINE_PREFIX)) {
      if ((value as Partial<Deleted>).deleted === true) {
        if (!stepFunctions.catalog.forget(key.slice(MACHINE_PREFIX.length))) this.store.del(key);
        continue;
      }
      try {
        stepFunctions.catalog.restore(value as StoredStateMachine);
        restored++;
      } catch {
        // A definition this version cannot prepare any more: forgotten, as its executions will be.
        this.store.del(key);
      }
    }
    return restored;
  }
}
