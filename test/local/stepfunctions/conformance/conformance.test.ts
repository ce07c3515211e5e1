/**
 * The Step Functions conformance corpus (test/fixtures/stepfunctions-conformance): every case
 * runs through the local cloud's Step Functions JSON API (StartExecution, DescribeExecution,
 * GetExecutionHistory) and must end as the AWS source it names says. Until CreateStateMachine
 * is served, the machines are registered in process. AWS time runs 10,000 times faster, so
 * Waits and retry back-off take no real time.
 */
import { ScaledClock } from '../../../../lib/local/clock';
import { FunctionError, LocalStepFunctions } from '../../../../lib/local/stepfunctions';
import { loadCorpus, type ConformanceCase, type FunctionBehaviour } from './conformance-case';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:conformance';

interface HistoryEventWire {
  readonly type: string;
  readonly stateExitedEventDetails?: { name: string; assignedVariables?: Record<string, string> };
}

describe.each(loadCorpus().map((suite) => [suite.file, suite] as const))('%s', (_file, suite) => {
  it.each(suite.cases.map((testCase) => [`${testCase.name} (${testCase.source})`, testCase] as const))(
    '%s',
    async (_title, testCase) => {
      // Prepare
      const { stepFunctions, calls } = cloudFor(testCase);

      // Act
      const started = await call(stepFunctions, 'StartExecution', {
        stateMachineArn: ARN,
        input: JSON.stringify(testCase.input),
        ...(testCase.executionName !== undefined ? { name: testCase.executionName } : {}),
      });
      const executionArn = String(started.executionArn);
      await stepFunctions.execution(executionArn).done;
      const described = await call(stepFunctions, 'DescribeExecution', { executionArn });
      const history = (await call(stepFunctions, 'GetExecutionHistory', { executionArn, maxResults: 1000 }))
        .events as HistoryEventWire[];

      // Assess
      const { expect: expected } = testCase;
      const output = described.output === undefined ? undefined : (JSON.parse(String(described.output)) as unknown);
      expect({ status: described.status, error: described.error, cause: described.cause }).toEqual(
        expect.objectContaining({
          status: expected.status,
          ...(expected.error !== undefined ? { error: expected.error } : {}),
          ...(expected.cause !== undefined ? { cause: expected.cause } : {}),
        }),
      );
      if (expected.causeContains !== undefined) expect(described.cause).toContain(expected.causeContains);
      if ('output' in expected) expect(output).toEqual(expected.output);
      if (expected.outputMatches !== undefined) expect(output).toMatchObject(expected.outputMatches as object);
      if (expected.outputLength !== undefined) expect(output).toHaveLength(expected.outputLength);
      if (expected.outputCausePayload !== undefined) {
        expect(JSON.parse(String((output as { Cause?: unknown }).Cause))).toMatchObject(
          expected.outputCausePayload as object,
        );
      }
      if (testCase.history) expect(history.map((event) => event.type)).toEqual(testCase.history);
      for (const [stateName, variables] of Object.entries(testCase.assignedVariables ?? {})) {
        const exited = history.find((event) => event.stateExitedEventDetails?.name === stateName);
        expect(exited?.stateExitedEventDetails?.assignedVariables).toEqual(variables);
      }
      for (const [name, count] of Object.entries(testCase.calls ?? {})) expect(calls.get(name) ?? 0).toBe(count);
      if (testCase.minElapsedSeconds !== undefined) {
        expect(Number(described.stopDate) - Number(described.startDate)).toBeGreaterThanOrEqual(
          testCase.minElapsedSeconds,
        );
      }
    },
  );
});

function cloudFor(testCase: ConformanceCase): { stepFunctions: LocalStepFunctions; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const stepFunctions = new LocalStepFunctions({
    clock: new ScaledClock({ timeScale: 10_000 }),
    validateDefinitions: false,
    integrations: {
      invokeFunction: async (functionNameOrArn, payload) => {
        const name = functionNameOrArn.split(':').pop() ?? functionNameOrArn;
        const count = (calls.get(name) ?? 0) + 1;
        calls.set(name, count);
        const behaviours = testCase.functions?.[name] ?? [];
        const behaviour = behaviours[Math.min(count, behaviours.length) - 1];
        return perform(behaviour, payload);
      },
      putEvents: (entries) => ({
        FailedEntryCount: 0,
        Entries: entries.map((_, index) => ({ EventId: `e-${index}` })),
      }),
    },
  });
  stepFunctions.registerStateMachine({
    arn: ARN,
    name: 'conformance',
    definition: JSON.stringify(testCase.definition),
    roleArn: 'arn:aws:iam::000000000000:role/conformance',
  });
  return { stepFunctions, calls };
}

function perform(behaviour: FunctionBehaviour | undefined, payload: unknown): Promise<unknown> {
  if (behaviour === undefined) return Promise.reject(new FunctionError('Fixture.NoBehaviour', 'no behaviour given'));
  if ('return' in behaviour) return Promise.resolve(behaviour.return);
  if ('echoInput' in behaviour) return Promise.resolve(payload);
  if ('hang' in behaviour) return new Promise(() => undefined);
  return Promise.reject(new FunctionError(behaviour.throw.errorType, behaviour.throw.errorMessage));
}

async function call(
  stepFunctions: LocalStepFunctions,
  operation: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await stepFunctions.handle({
    target: `AWSStepFunctions.${operation}`,
    body: Buffer.from(JSON.stringify(body)),
    headers: {},
    caller: { accessKeyId: 'test', principal: 'client' },
  });
  const parsed = JSON.parse(response.body) as Record<string, unknown>;
  if (response.statusCode !== 200) throw new Error(`${operation} answered ${response.statusCode}: ${response.body}`);
  return parsed;
}
