import { awsCli } from '../../support/aws-cli';
import { loadCorpus } from './conformance/conformance-case';
import { SfnHarness } from './sfn-harness';
import { serveHarnessForAllTests } from './sfn-server';

// The aws CLI v1 `stepfunctions` commands (create-state-machine, start-execution,
// describe-execution, send-task-success) as the AWS CLI reference documents them.
describe('the aws CLI v1 against the local Step Functions', () => {
  let token: Promise<string>;
  let resolveToken: (value: string) => void;
  const { harness, served } = serveHarnessForAllTests(() => {
    token = new Promise((resolve) => (resolveToken = resolve));
    return new SfnHarness({
      validateDefinitions: false,
      functions: { approver: (payload) => resolveToken((payload as { token: string }).token) },
    });
  });

  const aws = (...args: string[]) => awsCli(served.endpoint, args);
  const awsWith = (env: Record<string, string>, ...args: string[]) => awsCli(served.endpoint, args, { env });

  /** `create-state-machine` then `start-execution` of it, as a developer tries a definition. */
  async function createAndStart(name: string, definition: string, input: string) {
    const created = await aws(
      'stepfunctions',
      'create-state-machine',
      '--name',
      name,
      '--definition',
      definition,
      '--role-arn',
      'arn:aws:iam::000000000000:role/cli',
    );
    const started = await aws(
      'stepfunctions',
      'start-execution',
      '--state-machine-arn',
      String(created.stateMachineArn),
      '--input',
      input,
    );
    return { created, started };
  }

  it('creates a machine, starts it, completes its waiting task with send-task-success and describes the execution', async () => {
    // Arrange
    const definition = JSON.stringify({
      StartAt: 'Approve',
      States: {
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'approver', Payload: { 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    });

    // Act
    const { created, started } = await createAndStart('cli-approval', definition, '{"order":"ord-cli"}');
    const taskToken = await token;
    await aws('stepfunctions', 'send-task-success', '--task-token', taskToken, '--task-output', '{"approved":true}');
    await harness.stepFunctions.whenIdle();
    const described = await aws('stepfunctions', 'describe-execution', '--execution-arn', String(started.executionArn));
    const reused = aws('stepfunctions', 'send-task-success', '--task-token', taskToken, '--task-output', '{}');

    // Assess
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:cli-approval');
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });
    await expect(reused).rejects.toMatchObject({ stderr: expect.stringContaining('(TaskTimedOut)') });
    // Five CLI processes (Python start-up each) on a busy two-core machine.
  }, 120_000);

  // Issue 17's acceptance: create-state-machine + start-execution + describe-execution run a JSONata
  // machine with variables to the output AWS documents (the corpus case following the developer
  // guide's "Passing data between states with variables", variable evaluation order).
  it('runs a JSONata machine with variables to the output the developer guide gives', async () => {
    // Arrange
    const documented = loadCorpus()
      .flatMap((suite) => suite.cases)
      .find((testCase) => testCase.name.startsWith('Assign and Output of one state both see the variables'));
    if (!documented) throw new Error('the corpus case is missing');

    // Act
    const { started } = await createAndStart(
      'cli-jsonata-variables',
      JSON.stringify(documented.definition),
      JSON.stringify(documented.input),
    );
    await harness.stepFunctions.whenIdle();
    const described = await aws('stepfunctions', 'describe-execution', '--execution-arn', String(started.executionArn));

    // Assess
    expect(JSON.stringify(documented.definition)).toContain('"QueryLanguage":"JSONata"');
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(String(described.output))).toEqual(documented.expect.output);
  }, 120_000);

  // botocore's Step Functions model gives TestState and StartSyncExecution the endpoint
  // `hostPrefix` 'sync-', which botocore prepends to any endpoint host (sync-127.0.0.1 cannot be
  // reached); its documented switch is AWS_DISABLE_HOST_PREFIX_INJECTION (or the config file's
  // disable_host_prefix_injection), read in botocore/args.py and configprovider.py.
  it('answers test-state and start-sync-execution once host prefix injection is disabled, as botocore documents', async () => {
    // Arrange
    const noPrefix = { AWS_DISABLE_HOST_PREFIX_INJECTION: 'true' };
    const expressArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:cli-express';
    harness.stepFunctions.registerStateMachine({
      arn: expressArn,
      name: 'cli-express',
      type: 'EXPRESS',
      definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', Result: 'done', End: true } } }),
      roleArn: 'arn:aws:iam::000000000000:role/cli',
    });

    // Act
    // One attempt: botocore would otherwise retry the unreachable host with back-off.
    const prefixed = await awsWith(
      { AWS_MAX_ATTEMPTS: '1' },
      'stepfunctions',
      'test-state',
      '--definition',
      '{"Type":"Succeed"}',
    ).catch((error: unknown) => error);
    const tested = await awsWith(
      noPrefix,
      'stepfunctions',
      'test-state',
      '--definition',
      JSON.stringify({ Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, Next: 'After' }),
      '--input',
      '{"n":21}',
      '--inspection-level',
      'DEBUG',
    );
    const synced = await awsWith(noPrefix, 'stepfunctions', 'start-sync-execution', '--state-machine-arn', expressArn);

    // Assess
    expect(prefixed).toMatchObject({ stderr: expect.stringContaining('sync-127.0.0.1') });
    expect(tested).toMatchObject({ status: 'SUCCEEDED', nextState: 'After', output: '{"doubled":42}' });
    expect(tested.inspectionData).toMatchObject({ afterParameters: '{"doubled":42}' });
    expect(synced).toMatchObject({ status: 'SUCCEEDED', output: '"done"' });
  }, 120_000);
});
