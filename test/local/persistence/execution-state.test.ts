import { ScaledClock } from '../../../lib/local/clock';
import { LocalStepFunctions } from '../../../lib/local/stepfunctions';
import type { InvokeFunction } from '../../../lib/local/stepfunctions/task-integrations';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';
import { startOnStore, whileRunning } from './durable-services';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:durable';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:charge';

const DEFINITION = {
  StartAt: 'Remember',
  States: {
    Remember: { Type: 'Pass', Assign: { customer: 'c-1' }, Next: 'Charge' },
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: FUNCTION_ARN, 'Payload.$': '$' },
      ResultSelector: { 'charged.$': '$.Payload' },
      Next: 'Done',
    },
    Done: { Type: 'Pass', Parameters: { 'charged.$': '$.charged', 'customer.$': '$customer' }, End: true },
  },
};

/** Step Functions on a store under `dataDirectory`, as the local cloud composes them. */
function startDurableStepFunctions(dataDirectory: string, invokeFunction: InvokeFunction) {
  return startOnStore(dataDirectory, async (persistence) => {
    const startAt = persistence.clockStart();
    const clock = new ScaledClock({ timeScale: 100, ...(startAt !== undefined ? { startAt } : {}) });
    persistence.keepClock(clock);
    const stepFunctions = new LocalStepFunctions({
      clock,
      validateDefinitions: false,
      integrations: { invokeFunction, putEvents: () => ({ FailedEntryCount: 0, Entries: [] }) },
      journal: persistence.executions,
    });
    stepFunctions.registerStateMachine({
      arn: ARN,
      name: 'durable',
      definition: JSON.stringify(DEFINITION),
      roleArn: 'arn:aws:iam::000000000000:role/durable',
    });
    const resumed = (await persistence.executions?.restore(stepFunctions)) ?? 0;
    return { services: { stepFunctions, resumed }, close: () => stepFunctions.close() };
  });
}

describe('Step Functions executions under --data', () => {
  const dataDirectory = temporaryDirectoryForEachTest('execution-state-');

  it('resumes a running execution at the state it was in, with its input and variables, and keeps ended ones and their history', async () => {
    // GIVEN one execution that ended and one stopped by a restart while its Task runs
    let taskStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (taskStarted = resolve));
    const first = await startDurableStepFunctions(dataDirectory(), (_name, payload) => {
      if ((payload as { order?: string }).order === 'quick') return Promise.resolve('done');
      taskStarted();
      return new Promise(() => undefined);
    });
    const ended = await first.stepFunctions.startExecution(ARN, '{"order":"quick"}', { name: 'ended' }).done;
    expect(ended.status).toBe('SUCCEEDED');
    first.stepFunctions.startExecution(ARN, '{"order":"slow"}', { name: 'interrupted' });
    await started;
    await first.stop();

    // WHEN the local cloud starts again on the same directory, the function answering now
    const invoked: unknown[] = [];
    const restarted = startDurableStepFunctions(dataDirectory(), (_name, payload) => {
      invoked.push(payload);
      return Promise.resolve('charged late');
    });
    await whileRunning(restarted, async (second) => {
      // THEN the running one resumes at its Task (run again, with the same input) and succeeds
      expect(second.resumed).toBe(1);
      const interrupted = second.stepFunctions.execution(`${ARN.replace('stateMachine', 'execution')}:interrupted`);
      const description = await interrupted.done;
      expect(invoked).toEqual([{ order: 'slow' }]);
      expect(description.status).toBe('SUCCEEDED');
      expect(JSON.parse(description.output ?? '{}')).toEqual({ charged: 'charged late', customer: 'c-1' });
      const types = interrupted.history.events.map((event) => event.type);
      expect(types[0]).toBe('ExecutionStarted');
      expect(types.filter((type) => type === 'TaskStateEntered')).toHaveLength(2);
      expect(types.at(-1)).toBe('ExecutionSucceeded');
      // and the ended one is described and listed with its history as before
      expect(second.stepFunctions.describeExecution(ended.executionArn)).toMatchObject({
        status: 'SUCCEEDED',
        output: ended.output,
        startDate: ended.startDate,
      });
      expect(
        second.stepFunctions
          .listExecutions(ARN)
          .map((execution) => execution.name)
          .sort(),
      ).toEqual(['ended', 'interrupted']);
    });
  });
});
