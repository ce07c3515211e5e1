import { ScaledClock } from '../../../lib/local/clock';
import { LocalStepFunctions } from '../../../lib/local/stepfunctions';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';
import { startOnStore, whileRunning } from './durable-services';

const ROLE_ARN = 'arn:aws:iam::000000000000:role/machines';
const WAITING = JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 3600, End: true } } });
const PASSING = JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } });

/** Step Functions with machines and executions under `dataDirectory`, put back as the local cloud does. */
function startDurableStepFunctions(dataDirectory: string) {
  return startOnStore(dataDirectory, async (persistence) => {
    const stepFunctions = new LocalStepFunctions({
      clock: new ScaledClock(),
      validateDefinitions: false,
      integrations: {
        invokeFunction: () => Promise.resolve({}),
        putEvents: () => ({ FailedEntryCount: 0, Entries: [] }),
      },
      journal: persistence.executions,
      machineJournal: persistence.stateMachines,
    });
    const machines = await persistence.stateMachines!.restore(stepFunctions);
    const resumed = await persistence.executions!.restore(stepFunctions);
    return { services: { stepFunctions, machines, resumed }, close: () => stepFunctions.close() };
  });
}

describe('Step Functions state machines under --data', () => {
  const dataDirectory = temporaryDirectoryForEachTest('state-machine-state-');

  it('keeps machines created through the API with their revision and tags, so their running executions resume', async () => {
    // GIVEN a machine created, updated and tagged through the API, running an execution, and one deleted
    const first = await startDurableStepFunctions(dataDirectory());
    const { machine } = first.stepFunctions.catalog.create({
      name: 'api-made',
      definition: PASSING,
      roleArn: ROLE_ARN,
    });
    const { machine: updated } = first.stepFunctions.catalog.update(machine.arn, { definition: WAITING });
    first.stepFunctions.catalog.tag(machine.arn, [{ key: 'team', value: 'kept' }]);
    const execution = first.stepFunctions.startExecution(machine.arn, '{}', { name: 'waiting' });
    while (!execution.history.events.some((event) => event.type === 'WaitStateEntered')) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { machine: deleted } = first.stepFunctions.catalog.create({
      name: 'api-deleted',
      definition: PASSING,
      roleArn: ROLE_ARN,
    });
    first.stepFunctions.catalog.delete(deleted.arn);
    await first.stop();

    // WHEN it starts again on the same directory
    await whileRunning(startDurableStepFunctions(dataDirectory()), (second) => {
      // THEN the machine is back as DescribeStateMachine showed it (definition, revisionId, creationDate, tags)
      expect(second.machines).toBe(1);
      expect(second.stepFunctions.stateMachine(machine.arn)).toMatchObject({
        definition: WAITING,
        revisionId: updated.revisionId,
        createdAt: machine.createdAt,
      });
      expect(second.stepFunctions.catalog.tagsOf(machine.arn)).toEqual([{ key: 'team', value: 'kept' }]);
      // and its execution resumes instead of being forgotten with an unknown machine
      expect(second.resumed).toBe(1);
      expect(second.stepFunctions.describeExecution(execution.executionArn).status).toBe('RUNNING');
      expect(() => second.stepFunctions.stateMachine(deleted.arn)).toThrow('State Machine Does Not Exist');
    });
  });
});
