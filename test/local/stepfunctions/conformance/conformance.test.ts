/**
 * The Step Functions conformance corpus (test/fixtures/stepfunctions-conformance): every case
 * runs through the local cloud's endpoint (LocalEndpoint on 127.0.0.1) over HTTP in the AWS JSON
 * 1.0 protocol, as any client's calls arrive: CreateStateMachine, StartExecution,
 * DescribeExecution until the execution has ended, GetExecutionHistory (when the case checks the
 * history), and must end as the AWS source it names says. (The SDK's client costs more CPU per
 * call; the SDK and the aws CLI are exercised by the other Step Functions tests.) Each
 * case gets a state machine of its own, whose fake Lambda functions answer as the case says.
 * AWS time runs 10,000 times faster, so Waits and retry back-off take no real time.
 */
import { ScaledClock } from '../../../../lib/local/clock';
import { LocalEndpoint } from '../../../../lib/local/endpoint';
import { FunctionError, LocalStepFunctions, STEP_FUNCTIONS_TARGET_PREFIX } from '../../../../lib/local/stepfunctions';
import { loadCorpus, type ConformanceCase, type FunctionBehaviour } from './conformance-case';

/** The case each state machine (by ARN) runs, and how often each of its functions was called. */
const casesByMachine = new Map<string, { testCase: ConformanceCase; calls: Map<string, number> }>();

const stepFunctions = new LocalStepFunctions({
  clock: new ScaledClock({ timeScale: 10_000 }),
  validateDefinitions: false,
  integrations: {
    invokeFunction: async (functionNameOrArn, payload, context) => {
      const running = casesByMachine.get(context.stateMachineArn);
      const name = functionNameOrArn.split(':').pop() ?? functionNameOrArn;
      const count = (running?.calls.get(name) ?? 0) + 1;
      running?.calls.set(name, count);
      const behaviours = running?.testCase.functions?.[name] ?? [];
      return perform(behaviours[Math.min(count, behaviours.length) - 1], payload);
    },
    putEvents: (entries) => ({
      FailedEntryCount: 0,
      Entries: entries.map((_, index) => ({ EventId: `e-${index}` })),
    }),
  },
});
const endpoint = new LocalEndpoint({ port: 0 });
endpoint.register(STEP_FUNCTIONS_TARGET_PREFIX, stepFunctions, '1.0');
// Cases run concurrently (it.concurrent), which may start before a beforeAll has finished: each
// awaits the endpoint instead.
const started = endpoint.start();
let machines = 0;

afterAll(async () => {
  await started;
  await stepFunctions.close();
  await endpoint.stop();
});

describe.each(loadCorpus().map((suite) => [suite.file, suite] as const))('%s', (_file, suite) => {
  it.concurrent.each(suite.cases.map((testCase) => [`${testCase.name} (${testCase.source})`, testCase] as const))(
    '%s',
    async (_title, testCase) => {
      // Prepare
      machines += 1;
      const calls = new Map<string, number>();
      const { stateMachineArn } = await call('CreateStateMachine', {
        name: testCase.stateMachineName ?? `conformance-${machines}`,
        definition: JSON.stringify(testCase.definition),
        roleArn: 'arn:aws:iam::000000000000:role/conformance',
      });
      casesByMachine.set(String(stateMachineArn), { testCase, calls });

      // Act
      const { executionArn } = await call('StartExecution', {
        stateMachineArn,
        input: JSON.stringify(testCase.input),
        ...(testCase.executionName !== undefined ? { name: testCase.executionName } : {}),
      });
      const described = await describeWhenEnded(String(executionArn));
      const history =
        testCase.history || testCase.assignedVariables
          ? ((await call('GetExecutionHistory', { executionArn, maxResults: 1000 })).events as HistoryEventWire[])
          : [];

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

interface HistoryEventWire {
  readonly type: string;
  readonly stateExitedEventDetails?: { name: string; assignedVariables?: Record<string, string> };
}

/** DescribeExecution, asked again until the execution is no longer RUNNING. */
async function describeWhenEnded(executionArn: string): Promise<Record<string, unknown>> {
  for (;;) {
    const described = await call('DescribeExecution', { executionArn });
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** One Step Functions operation over HTTP; an error answer fails the case with its body. */
async function call(operation: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(await started, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${operation}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${operation} answered ${response.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

function perform(behaviour: FunctionBehaviour | undefined, payload: unknown): Promise<unknown> {
  if (behaviour === undefined) return Promise.reject(new FunctionError('Fixture.NoBehaviour', 'no behaviour given'));
  if ('return' in behaviour) return Promise.resolve(behaviour.return);
  if ('echoInput' in behaviour) return Promise.resolve(payload);
  if ('hang' in behaviour) return new Promise(() => undefined);
  return Promise.reject(new FunctionError(behaviour.throw.errorType, behaviour.throw.errorMessage));
}
