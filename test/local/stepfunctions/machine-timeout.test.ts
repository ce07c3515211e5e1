import { ScaledClock } from '../../../lib/local/clock';
import { LocalStepFunctions } from '../../../lib/local/stepfunctions';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:long-timeout';

function stepFunctionsAt(timeScale: number, definition: object): LocalStepFunctions {
  const stepFunctions = new LocalStepFunctions({
    clock: new ScaledClock({ timeScale }),
    validateDefinitions: false,
    integrations: {
      invokeFunction: () => Promise.resolve(null),
      putEvents: () => ({ FailedEntryCount: 0, Entries: [] }),
    },
  });
  stepFunctions.registerStateMachine({
    arn: ARN,
    name: 'long-timeout',
    definition: JSON.stringify(definition),
    roleArn: 'arn:aws:iam::000000000000:role/long-timeout',
  });
  return stepFunctions;
}

describe("a state machine's TimeoutSeconds", () => {
  it('runs a 90-day machine with a Wait to SUCCEEDED (no 32-bit timer overflow; issue 11 acceptance)', async () => {
    // Prepare: at 2x, 90 days are about 45 wall days, far beyond Node's 24.8-day timer limit
    const stepFunctions = stepFunctionsAt(2, {
      TimeoutSeconds: 7_776_000,
      StartAt: 'Wait',
      States: { Wait: { Type: 'Wait', Seconds: 1, Next: 'Done' }, Done: { Type: 'Succeed' } },
    });

    // Act
    const ended = await stepFunctions.startExecution(ARN, '{"a":1}').done;

    // Assess
    expect(ended).toMatchObject({ status: 'SUCCEEDED', output: '{"a":1}' });
    expect((ended.stopDate ?? 0) - ended.startDate).toBeGreaterThanOrEqual(1000);
  });

  it('ends an execution that outlasts it TIMED_OUT with States.Timeout (Amazon States Language: TimeoutSeconds)', async () => {
    // Prepare
    const stepFunctions = stepFunctionsAt(1000, {
      TimeoutSeconds: 5,
      StartAt: 'Wait',
      States: { Wait: { Type: 'Wait', Seconds: 60, End: true } },
    });

    // Act
    const execution = stepFunctions.startExecution(ARN);
    const ended = await execution.done;

    // Assess
    expect(ended).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(execution.history.events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'ExecutionTimedOut',
    ]);
  });

  it('does not fire a 30-day timer early on the real-time clock', async () => {
    // Prepare
    const clock = new ScaledClock({ timeScale: 1 });
    let fired = false;

    // Act
    const timer = clock.setTimer(30 * 24 * 3600 * 1000, () => {
      fired = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    timer.cancel();

    // Assess
    expect(fired).toBe(false);
  });
});
