import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ListStateMachineVersionsCommand,
  ListTagsForResourceCommand,
  StartExecutionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { SfnHarness } from './sfn-harness';
import { serveHarnessForAllTests } from './sfn-server';

const ROLE = 'arn:aws:iam::000000000000:role/sfn-role';

function passMachine(result: unknown): string {
  return JSON.stringify({ StartAt: 'Answer', States: { Answer: { Type: 'Pass', Result: result, End: true } } });
}

// Facts from the AWS Step Functions API reference (CreateStateMachine, UpdateStateMachine,
// PublishStateMachineVersion, CreateStateMachineAlias, ValidateStateMachineDefinition, TagResource)
// and the AWS-validated snapshots of LocalStack's Step Functions tests.
describe('Step Functions control plane through the AWS SDK', () => {
  const { harness, served } = serveHarnessForAllTests(() => new SfnHarness({ validateDefinitions: false }));

  it('creates a state machine that starts, runs and is described like one from the assembly', async () => {
    // Act
    const created = await served.client.send(
      new CreateStateMachineCommand({ name: 'answer', definition: passMachine({ answer: 42 }), roleArn: ROLE }),
    );
    const started = await served.client.send(new StartExecutionCommand({ stateMachineArn: created.stateMachineArn }));
    await harness.stepFunctions.whenIdle();
    const described = await served.client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    const machine = await served.client.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );

    // Assess
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:answer');
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '')).toEqual({ answer: 42 });
    expect(machine).toMatchObject({
      name: 'answer',
      type: 'STANDARD',
      roleArn: ROLE,
      status: 'ACTIVE',
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    });
  });

  it('answers the same ARN for a repeated create and StateMachineAlreadyExists for another definition of the name', async () => {
    // Arrange
    const input = { name: 'twice', definition: passMachine(1), roleArn: ROLE };
    const first = await served.client.send(new CreateStateMachineCommand(input));

    // Act
    const again = await served.client.send(new CreateStateMachineCommand(input));
    const other = served.client.send(new CreateStateMachineCommand({ ...input, definition: passMachine(2) }));

    // Assess
    expect(again.stateMachineArn).toBe(first.stateMachineArn);
    expect(again.creationDate?.getTime()).toBe(first.creationDate?.getTime());
    await expect(other).rejects.toMatchObject({
      name: 'StateMachineAlreadyExists',
      message: `State Machine Already Exists: '${first.stateMachineArn}'`,
    });
  });

  it('refuses an unknown integration ARN with InvalidDefinition worded as AWS words it', async () => {
    // Arrange
    const definition = JSON.stringify({
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::nosuch:doIt', End: true } },
    });

    // Act
    const created = served.client.send(new CreateStateMachineCommand({ name: 'bad', definition, roleArn: ROLE }));

    // Assess
    await expect(created).rejects.toMatchObject({
      name: 'InvalidDefinition',
      message:
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::nosuch:doIt is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/Call/Resource'",
    });
  });

  it('validates a definition with diagnostics of severity, code, message and location', async () => {
    // Arrange
    const broken = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });

    // Act
    const failing = await served.client.send(new ValidateStateMachineDefinitionCommand({ definition: broken }));
    const passing = await served.client.send(
      new ValidateStateMachineDefinitionCommand({ definition: passMachine('ok') }),
    );
    const notJson = await served.client.send(new ValidateStateMachineDefinitionCommand({ definition: '{' }));

    // Assess
    expect(failing).toMatchObject({
      result: 'FAIL',
      truncated: false,
      diagnostics: [
        {
          severity: 'ERROR',
          code: 'MISSING_TRANSITION_TARGET',
          message: "Missing 'Next' target: Nowhere",
          location: '/States/A/Next',
        },
      ],
    });
    expect(passing).toMatchObject({ result: 'OK', diagnostics: [] });
    expect(notJson.diagnostics?.[0]?.code).toBe('INVALID_JSON_DESCRIPTION');
  });

  it('updates a machine to a new revision, publishes versions and routes an alias to one', async () => {
    // Arrange
    const created = await served.client.send(
      new CreateStateMachineCommand({ name: 'versioned', definition: passMachine('v1'), roleArn: ROLE, publish: true }),
    );
    const arn = created.stateMachineArn ?? '';

    // Act
    const updated = await served.client.send(
      new UpdateStateMachineCommand({ stateMachineArn: arn, definition: passMachine('v2'), publish: true }),
    );
    const versions = await served.client.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn }));
    const alias = await served.client.send(
      new CreateStateMachineAliasCommand({
        name: 'live',
        routingConfiguration: [{ stateMachineVersionArn: `${arn}:1`, weight: 100 }],
      }),
    );
    const started = await served.client.send(
      new StartExecutionCommand({ stateMachineArn: alias.stateMachineAliasArn }),
    );
    await harness.stepFunctions.whenIdle();
    const described = await served.client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    const forExecution = await served.client.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: started.executionArn }),
    );

    // Assess
    expect(created.stateMachineVersionArn).toBe(`${arn}:1`);
    expect(updated.stateMachineVersionArn).toBe(`${arn}:2`);
    expect(updated.revisionId).toEqual(expect.any(String));
    expect(versions.stateMachineVersions?.map((version) => version.stateMachineVersionArn)).toEqual([
      `${arn}:2`,
      `${arn}:1`,
    ]);
    expect(alias.stateMachineAliasArn).toBe(`${arn}:live`);
    expect(described.output).toBe('"v1"');
    expect(described.stateMachineAliasArn).toBe(`${arn}:live`);
    expect(described.stateMachineVersionArn).toBe(`${arn}:1`);
    expect(forExecution.definition).toBe(passMachine('v1'));
  });

  it('refuses alias weights that do not sum to 100 with AWS message', async () => {
    // Arrange
    const created = await served.client.send(
      new CreateStateMachineCommand({ name: 'weights', definition: passMachine(0), roleArn: ROLE, publish: true }),
    );

    // Act
    const alias = served.client.send(
      new CreateStateMachineAliasCommand({
        name: 'half',
        routingConfiguration: [{ stateMachineVersionArn: `${created.stateMachineArn}:1`, weight: 50 }],
      }),
    );

    // Assess
    await expect(alias).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Sum of routing configuration weights must equal 100. Received: [50]',
    });
  });

  it('tags, lists and untags a machine, and answers ResourceNotFound for an unknown ARN', async () => {
    // Arrange
    const created = await served.client.send(
      new CreateStateMachineCommand({
        name: 'tagged',
        definition: passMachine(0),
        roleArn: ROLE,
        tags: [{ key: 'team', value: 'orders' }],
      }),
    );
    const resourceArn = created.stateMachineArn;

    // Act
    await served.client.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'stage', value: 'dev' }] }));
    await served.client.send(new UntagResourceCommand({ resourceArn, tagKeys: ['team'] }));
    const listed = await served.client.send(new ListTagsForResourceCommand({ resourceArn }));
    const unknown = served.client.send(
      new ListTagsForResourceCommand({ resourceArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope' }),
    );

    // Assess
    expect(listed.tags).toEqual([{ key: 'stage', value: 'dev' }]);
    await expect(unknown).rejects.toMatchObject({ name: 'ResourceNotFound' });
  });

  it('deletes a machine so that describing it answers StateMachineDoesNotExist', async () => {
    // Arrange
    const created = await served.client.send(
      new CreateStateMachineCommand({ name: 'doomed', definition: passMachine(0), roleArn: ROLE }),
    );

    // Act
    await served.client.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    const described = served.client.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));

    // Assess
    await expect(described).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });

  it('stores the logging configuration and refuses a level without a destination', async () => {
    // Arrange
    const logGroupArn = 'arn:aws:logs:us-east-1:000000000000:log-group:sfn:*';
    const observability = {
      loggingConfiguration: {
        level: 'ALL' as const,
        includeExecutionData: true,
        destinations: [{ cloudWatchLogsLogGroup: { logGroupArn } }],
      },
      tracingConfiguration: { enabled: true },
    };

    // Act
    const created = await served.client.send(
      new CreateStateMachineCommand({
        name: 'logged',
        definition: passMachine(0),
        roleArn: ROLE,
        type: 'EXPRESS',
        ...observability,
      }),
    );
    const described = await served.client.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    const refused = served.client.send(
      new CreateStateMachineCommand({
        name: 'unlogged',
        definition: passMachine(0),
        roleArn: ROLE,
        loggingConfiguration: { level: 'ERROR' },
      }),
    );

    // Assess
    expect(described).toMatchObject({
      type: 'EXPRESS',
      ...observability,
    });
    await expect(refused).rejects.toMatchObject({
      name: 'InvalidLoggingConfiguration',
      message: 'Invalid Logging Configuration: Must specify exactly one Log Destination.',
    });
  });
});
