import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCloudAssembly, type AppModel } from '../../../lib/local/assembly';
import { HANDLERS_DIR, synthesizeFixtureApp } from '../../fixtures/local-app/app';
import { temporaryDirectoryForAllTests } from '../../support/temporary-directory';

const ENDPOINT = 'http://127.0.0.1:4599';
const ACCOUNT = '000000000000';
const TABLE_NAME = 'LocalApp-Shared-TableCD117FA1';

describe('readCloudAssembly of the synthesized fixture app', () => {
  const outdir = temporaryDirectoryForAllTests('local-app-assembly-');
  let model: AppModel;

  beforeAll(() => {
    synthesizeFixtureApp(outdir());
    model = readCloudAssembly(outdir(), { endpointUrl: ENDPOINT });
  });

  it('reads every stack, a stack after the stack it imports from', () => {
    expect(model.stacks.map((stack) => stack.stackName)).toEqual(['LocalApp-Shared', 'LocalApp-Service']);
    expect(model.stacks[1]?.dependencies).toEqual(['LocalApp-Shared']);
    expect(model.warnings).toEqual([]);
  });

  it('resolves a queue Ref to its loopback URL and its GetAtt Arn to an SQS ARN', () => {
    const queue = model.queues.find((candidate) => candidate.name === 'fixture-orders');
    expect(queue?.url).toBe(`${ENDPOINT}/${ACCOUNT}/fixture-orders`);
    expect(queue?.arn).toBe(`arn:aws:sqs:us-east-1:${ACCOUNT}:fixture-orders`);
    expect(queue?.visibilityTimeoutSeconds).toBe(60);
    expect(queue?.redrivePolicy).toEqual({
      deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:LocalApp-Service-DeadLetterQueue9F481546`,
      maxReceiveCount: 3,
    });
  });

  it('resolves the function environment, cross-stack imports included', () => {
    const fn = model.functions[0];
    expect(fn?.environment).toEqual({
      QUEUE_URL: `${ENDPOINT}/${ACCOUNT}/fixture-orders`,
      TABLE_NAME,
      BUS_ARN: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/fixture-bus`,
      DLQ_NAME: 'LocalApp-Service-DeadLetterQueue9F481546',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(fn).toMatchObject({
      name: 'fixture-orders-handler',
      arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fixture-orders-handler`,
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      memorySizeMb: 256,
      timeoutSeconds: 10,
      reservedConcurrency: 4,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/LocalApp-Service-HandlerServiceRoleFCDC14AE`,
      logGroupName: 'LocalApp-Service-HandlerLogs6FD01908',
    });
  });

  it('finds the staged asset directory of a function through the asset manifest', () => {
    const directory = model.functions[0]?.assetDirectory ?? '';
    expect(path.dirname(directory)).toBe(outdir());
    expect(fs.readFileSync(path.join(directory, 'index.js'), 'utf8')).toBe(
      fs.readFileSync(path.join(HANDLERS_DIR, 'sdk', 'index.js'), 'utf8'),
    );
  });

  it('reads the event source mapping with its batching, partial batch and scaling settings', () => {
    expect(model.eventSourceMappings).toEqual([
      expect.objectContaining({
        eventSourceArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:fixture-orders`,
        functionName: 'fixture-orders-handler',
        batchSize: 5,
        maximumBatchingWindowInSeconds: 2,
        reportBatchItemFailures: true,
        maximumConcurrency: 2,
        enabled: true,
      }),
    ]);
    expect(model.eventSourceMappings[0]?.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads a rule on an imported bus with its targets, retry policy, DLQ and input transformer', () => {
    const rule = model.rules[0];
    expect(rule?.eventBusName).toBe('fixture-bus');
    expect(rule?.arn).toBe(
      `arn:aws:events:us-east-1:${ACCOUNT}:rule/fixture-bus/LocalApp-Service-OrderPlacedRuleAF2E7ADF`,
    );
    expect(rule?.eventPattern).toEqual({ source: ['fixture.storefront'], 'detail-type': ['OrderPlaced'] });
    expect(rule?.targets[0]).toEqual({
      id: 'Target0',
      arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:fixture-orders`,
      retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      deadLetterArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:LocalApp-Service-TargetDeadLetterQueue2AB8E1D3`,
    });
    expect(rule?.targets[1]?.inputTransformer).toEqual({
      inputPathsMap: { 'detail-orderId': '$.detail.orderId' },
      inputTemplate: '{"order":<detail-orderId>}',
    });
  });

  it('resolves Fn::If, Fn::Select over Fn::Split and Fn::Sub with variables in outputs', () => {
    expect(model.stacks[1]?.outputs).toEqual({
      RegionFlavour: 'home',
      QueueNameFromArn: 'fixture-orders',
      WorkflowConsole: `https://us-east-1.console.amazonaws.com/states/arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:fixture-workflow`,
    });
    expect(model.stacks[0]?.exports[`LocalApp-Shared:ExportsOutputRefTableCD117FA1D18A8047`]).toBe(TABLE_NAME);
  });

  it('attaches the AWS::IAM::Policy to the role it names, with imported ARNs resolved', () => {
    const role = model.roles.find((candidate) => candidate.logicalId === 'HandlerServiceRoleFCDC14AE');
    expect(role?.managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
    expect(role?.policies.map((policy) => policy.source)).toEqual(['HandlerServiceRoleDefaultPolicyCBD0CC91']);
    expect(role?.policies[0]?.document.Statement).toContainEqual({
      Action: 'events:PutEvents',
      Condition: { StringEquals: { 'events:source': 'fixture.orders' } },
      Effect: 'Allow',
      Resource: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/fixture-bus`,
    });
  });

  it('reads the table with its keys, index, TTL and stream', () => {
    expect(model.tables[0]).toMatchObject({
      name: TABLE_NAME,
      arn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${TABLE_NAME}`,
      keySchema: [
        { attributeName: 'pk', keyType: 'HASH' },
        { attributeName: 'sk', keyType: 'RANGE' },
      ],
      globalSecondaryIndexes: [
        { indexName: 'byStatus', keySchema: [{ attributeName: 'status', keyType: 'HASH' }], projectionType: 'ALL' },
      ],
      timeToLive: { attributeName: 'expiresAt', enabled: true },
      streamViewType: 'NEW_IMAGE',
      properties: expect.objectContaining({ TableName: TABLE_NAME, BillingMode: 'PAY_PER_REQUEST' }),
    });
    expect(model.tables[0]?.streamArn).toMatch(
      new RegExp(`^arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${TABLE_NAME}/stream/`),
    );
  });

  it('resolves the state machine definition to ASL text naming the function ARN', () => {
    const machine = model.stateMachines[0];
    const definition = JSON.parse(machine?.definition ?? '{}') as { States: { Invoke: { Resource: string } } };
    expect(machine?.type).toBe('EXPRESS');
    expect(machine?.arn).toBe(`arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:fixture-workflow`);
    expect(definition.States.Invoke.Resource).toBe(
      `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fixture-orders-handler`,
    );
  });

  it('reads the archive, log group, topic and alarm', () => {
    expect(model.archives[0]).toMatchObject({
      name: 'fixture-archive',
      sourceArn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/fixture-bus`,
      eventPattern: { source: ['fixture.orders'] },
      retentionDays: 7,
    });
    expect(model.logGroups[0]).toMatchObject({
      retentionInDays: 7,
      arn: expect.stringMatching(/^arn:aws:logs:us-east-1:000000000000:log-group:.*:\*$/),
    });
    expect(model.topics[0]?.arn).toBe(`arn:aws:sns:us-east-1:${ACCOUNT}:fixture-alarms`);
    expect(model.alarms[0]).toMatchObject({
      dimensions: { QueueName: 'LocalApp-Service-DeadLetterQueue9F481546' },
      alarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:fixture-alarms`],
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0,
    });
  });

  it('reads the queue policies that let the rule send to its queues', () => {
    const policy = model.queuePolicies.find((candidate) =>
      candidate.queueArns.includes(`arn:aws:sqs:us-east-1:${ACCOUNT}:fixture-orders`),
    );
    expect(policy?.document.Statement[0]?.Condition).toEqual({ ArnEquals: { 'aws:SourceArn': model.rules[0]?.arn } });
  });
});
