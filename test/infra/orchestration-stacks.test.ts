import type { PolicyViolation } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SERVICE_NAMES, serviceResourceNames } from '../../lib/contracts';
import { addChoreographyStacks, applyNagPacks, readAppConfig } from '../../lib/infra';
import { buildOrchestrationApp, orchestrationStacksOf } from '../../lib/infra/orchestration-app';
import { nagResourceText } from '../../lib/infra/nag-resource-text';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as const;

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A resource ARN as text: Fn::Join's literal parts with every token as `<Ref>` / `<Logical.Attr>`. */
const arnText = nagResourceText;

/** Every statement of the identity policies attached to roles whose logical id starts with `rolePrefix`. */
function statementsOfRole(template: Template, rolePrefix: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) =>
      asList(policy.Properties?.Roles as unknown[]).some((role) => arnText(role).startsWith(`<${rolePrefix}`)),
    )
    .flatMap((policy) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

let built: ReturnType<typeof buildOrchestrationApp>;
let workflow: Template;

beforeAll(() => {
  built = buildOrchestrationApp({ ...NO_BUNDLING }, { builtinCloudFormationValidation: false });
  workflow = Template.fromStack(built.stacks.workflow);
});

describe('the orchestrated variant stacks', () => {
  it('names every stack Orchestration-*, with the stage prefix when there is one', () => {
    const staged = buildOrchestrationApp({ ...NO_BUNDLING, stage: 'dev' }, { builtinCloudFormationValidation: false });
    expect(orchestrationStacksOf(built.stacks).map((stack) => stack.stackName)).toEqual([
      'Orchestration-Bus',
      'Orchestration-Orders',
      'Orchestration-Inventory',
      'Orchestration-Payments',
      'Orchestration-Shipping',
      'Orchestration-Notifications',
      'Orchestration-Workflow',
      'Orchestration-Operations',
    ]);
    expect(
      orchestrationStacksOf(staged.stacks).every((stack) => stack.stackName.startsWith('dev-Orchestration-')),
    ).toBe(true);
  });

  it('gives the variant its own bus, shop-orchestration', () => {
    Template.fromStack(built.stacks.bus).hasResourceProperties('AWS::Events::EventBus', { Name: 'shop-orchestration' });
  });

  it.each(SERVICE_NAMES)('gives %s its own table and a task function built like a consumer function', (service) => {
    const template = Template.fromStack(built.stacks.services[service]);
    const names = serviceResourceNames('orchestration', service);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: names.table,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: names.functionName,
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          SAGA_VARIANT: 'orchestration',
          POWERTOOLS_SERVICE_NAME: service,
        }),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: `/aws/lambda/${names.functionName}`,
      RetentionInDays: 30,
    });
  });

  it.each(SERVICE_NAMES)('lets the %s task function use its own table and nothing else', (service) => {
    const template = Template.fromStack(built.stacks.services[service]);
    const statements = statementsOfRole(template, 'Task');
    const actions = statements.flatMap((statement) => asList(statement.Action));
    expect(
      actions.some(
        (action) => action.startsWith('events:') || action.startsWith('sqs:') || action.startsWith('states:'),
      ),
    ).toBe(false);
    for (const statement of statements.filter((s) =>
      asList(s.Action).some((action) => action.startsWith('dynamodb:')),
    )) {
      expect(
        asList(statement.Resource)
          .map(arnText)
          .every((arn) => arn.startsWith('<TaskTable')),
      ).toBe(true);
    }
  });

  it('starts the state machine on OrderPlaced from the storefront, with a dead-letter queue and a retry policy', () => {
    workflow.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'shop-orchestration',
      EventPattern: { source: ['shop.storefront'], 'detail-type': ['OrderPlaced'] },
      Targets: [
        Match.objectLike({
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
        }),
      ],
    });
    workflow.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'shop-orchestration-workflow-target-dlq' });
  });
});

describe('least privilege of the state machine role', () => {
  let statements: Statement[];

  beforeAll(() => {
    statements = statementsOfRole(workflow, 'SagaStateMachineRole');
  });

  it('may invoke the five task functions (and their versions) and no other function', () => {
    const invokable = statements
      .filter((s) => asList(s.Action).includes('lambda:InvokeFunction'))
      .flatMap((s) => asList(s.Resource).map(arnText));
    const expected = SERVICE_NAMES.flatMap((service) => {
      const arn = `arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:${serviceResourceNames('orchestration', service).functionName}`;
      return [arn, `${arn}:*`];
    });
    expect([...new Set(invokable)].sort()).toEqual(expected.sort());
  });

  it('may put only OrderConfirmed and OrderCancelled from shop.orders on the orchestration bus', () => {
    const putEvents = statements.filter((s) => asList(s.Action).includes('events:PutEvents'));
    expect(putEvents).toHaveLength(1);
    expect(asList(putEvents[0]?.Resource).map(arnText)).toEqual([
      'arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:event-bus/shop-orchestration',
    ]);
    expect(putEvents[0]?.Condition).toEqual({
      StringEquals: { 'events:source': ['shop.orders'], 'events:detail-type': ['OrderConfirmed', 'OrderCancelled'] },
    });
  });

  it('has no wildcard action, and * resources only for X-Ray and log delivery, which have no resource-level permissions', () => {
    for (const statement of statements) {
      const actions = asList(statement.Action);
      expect(actions.some((action) => action === '*' || action.endsWith(':*'))).toBe(false);
      if (asList(statement.Resource).includes('*')) {
        expect(actions.every((action) => action.startsWith('xray:') || action.startsWith('logs:'))).toBe(true);
      }
    }
  });
});

describe('operations of the orchestrated variant', () => {
  it('alarms on failed and timed-out executions and on the workflow target dead-letter queue', () => {
    const operations = Template.fromStack(built.stacks.operations);
    for (const metricName of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      operations.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/States',
        MetricName: metricName,
        Dimensions: [{ Name: 'StateMachineArn', Value: Match.anyValue() }],
        Threshold: 0,
        AlarmActions: [Match.anyValue()],
      });
    }
    operations.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: 'shop-orchestration-workflow-target-dlq' }],
    });
  });
});

describe('cdk-nag over the whole app, both variants (AwsSolutions + Serverless)', () => {
  it('reports no unacknowledged error or warning', () => {
    // Prepare: the fullest app (stage, destroy, alarm e-mail) with both variants, as bin/app.ts builds it.
    const app = buildOrchestrationApp(
      { ...NO_BUNDLING, stage: 'dev', removalPolicy: 'destroy', alarmEmail: 'ops@example.com' },
      { builtinCloudFormationValidation: false },
    ).app;
    addChoreographyStacks(app, readAppConfig(app.node));
    const packs = applyNagPacks(app);

    // Act
    app.synth();
    const findings = packs
      .flatMap((pack) => pack.validateScope(app).violations)
      .map(
        (violation: PolicyViolation) =>
          `${violation.severity} ${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
      );

    // Assess
    expect(findings).toEqual([]);
  });
});
