import { Match, type Template } from 'aws-cdk-lib/assertions';
import {
  eventPatternJsonFor,
  METRICS_NAMESPACE,
  publicationsOf,
  RUNTIME_ENV,
  SERVICE_NAMES,
  serviceResourceNames,
  SOURCES,
  subscriptionsOf,
  type ServiceName,
} from '../../lib/contracts';
import { CONSUMER_SERVICE_DEFAULTS, QUEUE_EVENT_SOURCE_DEFAULTS, SAGA_FUNCTION_DEFAULTS } from '../../lib/infra';
import { allStatements, asList, buildTestApp, CONTEXTS, resourcesOf, type BuiltApp } from './app-builder';

let built: BuiltApp;
const serviceTemplate = (service: ServiceName): Template => {
  const template = built.templates.get(built.stacks.services[service].stackName);
  if (!template) throw new Error(`no template for service '${service}'`);
  return template;
};

beforeAll(() => {
  built = buildTestApp(CONTEXTS.production);
});

describe.each(SERVICE_NAMES)('the %s service stack', (service) => {
  const names = serviceResourceNames('choreography', service);
  const settles = subscriptionsOf(service).filter((contract) => contract.settlement);
  const onlySettles = settles.length === subscriptionsOf(service).length;
  /** A separate settlement queue for a service that consumes forward steps and settlement events. */
  const hasSettlementQueue = settles.length > 0 && !onlySettles;
  const queueIdNamed = (template: Template, queueName: string): string | undefined =>
    resourcesOf(template, 'AWS::SQS::Queue').find(([, q]) => q.Properties?.['QueueName'] === queueName)?.[0];

  it('creates a table keyed by pk and sk, on demand, with TTL, PITR and encryption', () => {
    serviceTemplate(service).hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: names.table,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('redrives the consumer queue to its own dead-letter queue', () => {
    const template = serviceTemplate(service);
    const [dlqId] =
      resourcesOf(template, 'AWS::SQS::Queue').find(([, q]) => q.Properties?.['QueueName'] === names.deadLetterQueue) ??
      [];
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: names.queue,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        maxReceiveCount: onlySettles
          ? CONSUMER_SERVICE_DEFAULTS.settlementMaxReceiveCount
          : CONSUMER_SERVICE_DEFAULTS.maxReceiveCount,
      },
    });
  });

  it('takes the events that settle the saga from a queue with the long settlement receive budget', () => {
    const template = serviceTemplate(service);
    const settlementQueueName = hasSettlementQueue ? names.settlementQueue : names.queue;
    const settlementQueueId = queueIdNamed(template, settlementQueueName);
    if (settles.length > 0) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: settlementQueueName,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [queueIdNamed(template, names.deadLetterQueue), 'Arn'] },
          maxReceiveCount: CONSUMER_SERVICE_DEFAULTS.settlementMaxReceiveCount,
        },
      });
    }
    const targetOf = (detailType: string) =>
      resourcesOf(template, 'AWS::Events::Rule').find(([, rule]) =>
        JSON.stringify(rule.Properties?.['EventPattern']).includes(`"${detailType}"`),
      )?.[1].Properties?.['Targets'] as { Arn: { 'Fn::GetAtt': string[] } }[];
    for (const contract of subscriptionsOf(service)) {
      const expected = contract.settlement ? settlementQueueId : queueIdNamed(template, names.queue);
      expect([contract.detailType, targetOf(contract.detailType)[0]?.Arn['Fn::GetAtt'][0]]).toEqual([
        contract.detailType,
        expected,
      ]);
    }
  });

  it('keeps dead letters for 14 days in both dead-letter queues', () => {
    for (const queueName of [names.deadLetterQueue, names.targetDeadLetterQueue]) {
      serviceTemplate(service).hasResourceProperties('AWS::SQS::Queue', {
        QueueName: queueName,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    }
  });

  it('encrypts every queue and denies requests without TLS', () => {
    const template = serviceTemplate(service);
    const queues = resourcesOf(template, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(hasSettlementQueue ? 4 : 3);
    for (const [logicalId, queue] of queues) {
      expect(queue.Properties?.['SqsManagedSseEnabled']).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('sets the queue visibility timeout to at least six times the function timeout', () => {
    const template = serviceTemplate(service);
    const [[, fn] = []] = resourcesOf(template, 'AWS::Lambda::Function');
    const [, queue] =
      resourcesOf(template, 'AWS::SQS::Queue').find(([, q]) => q.Properties?.['QueueName'] === names.queue) ?? [];
    expect(queue?.Properties?.['VisibilityTimeout']).toBeGreaterThanOrEqual(
      6 * (fn?.Properties?.['Timeout'] as number),
    );
  });

  it('runs the function on nodejs24.x arm64 with active tracing, JSON logs and its own log group', () => {
    serviceTemplate(service).hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: names.functionName,
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.anyValue() } },
      Timeout: SAGA_FUNCTION_DEFAULTS.timeout.toSeconds(),
      MemorySize: SAGA_FUNCTION_DEFAULTS.memorySize,
    });
    serviceTemplate(service).hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: `/aws/lambda/${names.functionName}`,
      RetentionInDays: Match.anyValue(),
    });
  });

  it('gives the function the environment the handlers read', () => {
    serviceTemplate(service).hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          [RUNTIME_ENV.eventBusName]: 'shop-choreography',
          [RUNTIME_ENV.tableName]: { Ref: Match.anyValue() },
          [RUNTIME_ENV.deadLetterQueueUrl]: { Ref: Match.anyValue() },
          [RUNTIME_ENV.variant]: 'choreography',
          [RUNTIME_ENV.serviceName]: service,
          [RUNTIME_ENV.metricsNamespace]: METRICS_NAMESPACE,
          [RUNTIME_ENV.logLevel]: 'INFO',
        },
      },
    });
  });

  it('drains the queue with partial batch responses and bounded concurrency', () => {
    serviceTemplate(service).resourceCountIs('AWS::Lambda::EventSourceMapping', hasSettlementQueue ? 2 : 1);
    serviceTemplate(service).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: QUEUE_EVENT_SOURCE_DEFAULTS.batchSize,
      ScalingConfig: { MaximumConcurrency: QUEUE_EVENT_SOURCE_DEFAULTS.maxConcurrency },
    });
  });

  it('creates one rule per subscription, its pattern built from the contract', () => {
    const template = serviceTemplate(service);
    const patterns = resourcesOf(template, 'AWS::Events::Rule').map(([, rule]) => rule.Properties?.['EventPattern']);
    expect(patterns).toEqual(
      expect.arrayContaining(subscriptionsOf(service).map((contract) => eventPatternJsonFor(contract))),
    );
    expect(patterns).toHaveLength(subscriptionsOf(service).length);
  });

  it('gives every rule target a dead-letter queue and a retry policy', () => {
    const template = serviceTemplate(service);
    const [targetDlqId] =
      resourcesOf(template, 'AWS::SQS::Queue').find(
        ([, q]) => q.Properties?.['QueueName'] === names.targetDeadLetterQueue,
      ) ?? [];
    for (const [, rule] of resourcesOf(template, 'AWS::Events::Rule')) {
      const targets = rule.Properties?.['Targets'] as Record<string, unknown>[];
      expect(targets).toHaveLength(1);
      for (const target of targets) {
        expect(target['DeadLetterConfig']).toEqual({ Arn: { 'Fn::GetAtt': [targetDlqId, 'Arn'] } });
        expect(target['RetryPolicy']).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 });
      }
    }
  });

  it('lets EventBridge send to the queue only from the rules of this service', () => {
    const template = serviceTemplate(service);
    const ruleIds = resourcesOf(template, 'AWS::Events::Rule').map(([id]) => id);
    const eventsStatements = allStatements(new Map([['stack', template]])).filter(
      ({ statement }) =>
        (statement['Principal'] as { Service?: string } | undefined)?.Service === 'events.amazonaws.com',
    );
    expect(eventsStatements.length).toBeGreaterThanOrEqual(2 * ruleIds.length);
    for (const { statement } of eventsStatements) {
      const sourceArn = (statement['Condition'] as { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': string[] } } })
        .ArnEquals['aws:SourceArn'];
      expect(ruleIds).toContain(sourceArn['Fn::GetAtt'][0]);
    }
  });

  it('allows PutEvents only on the bus and only under the service own source, and only if it publishes', () => {
    const putEvents = allStatements(new Map([['stack', serviceTemplate(service)]])).filter(({ statement }) =>
      asList(statement['Action'] as string | string[]).some((action) => action.startsWith('events:')),
    );
    if (publicationsOf(service).length === 0) {
      expect(putEvents).toEqual([]);
      return;
    }
    expect(putEvents).toHaveLength(1);
    expect(putEvents[0]?.statement).toMatchObject({
      Action: 'events:PutEvents',
      Effect: 'Allow',
      Condition: { StringEquals: { 'events:source': SOURCES[service] } },
    });
    expect(JSON.stringify(putEvents[0]?.statement['Resource'])).toContain(':event-bus/shop-choreography"');
  });

  it('grants the function its own table, queue and dead-letter queue, and nothing of other services', () => {
    const template = serviceTemplate(service);
    const ownIds = new Set([
      ...resourcesOf(template, 'AWS::DynamoDB::Table').map(([id]) => id),
      ...resourcesOf(template, 'AWS::SQS::Queue').map(([id]) => id),
      ...resourcesOf(template, 'AWS::Logs::LogGroup').map(([id]) => id),
    ]);
    const roleStatements = allStatements(new Map([['stack', template]])).filter(
      ({ type }) => type === 'AWS::IAM::Policy',
    );
    expect(roleStatements.length).toBeGreaterThanOrEqual(4);
    for (const { statement } of roleStatements) {
      for (const resource of asList(statement['Resource'])) {
        const getAtt = (resource as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt'];
        if (getAtt) expect(ownIds).toContain(getAtt[0]);
      }
    }
    const targetDlqSend = roleStatements.some(({ statement }) =>
      JSON.stringify(statement['Resource']).includes(
        resourcesOf(template, 'AWS::SQS::Queue').find(
          ([, q]) => q.Properties?.['QueueName'] === names.targetDeadLetterQueue,
        )?.[0] ?? '?',
      ),
    );
    expect(targetDlqSend).toBe(false);
  });

  it('retains the table, the queues and the log group by default', () => {
    const template = serviceTemplate(service);
    for (const type of ['AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::Logs::LogGroup']) {
      for (const [, resource] of resourcesOf(template, type)) {
        expect([type, resource.DeletionPolicy]).toEqual([type, 'Retain']);
      }
    }
  });
});

describe('the whole choreographed app', () => {
  it('allows no * action on any resource in any policy', () => {
    const statements = allStatements(built.templates);
    expect(statements.length).toBeGreaterThan(50);
    const wildcards = statements.filter(
      ({ statement }) =>
        statement['Effect'] === 'Allow' && asList(statement['Action'] as string | string[]).includes('*'),
    );
    expect(wildcards).toEqual([]);
  });

  it('creates exactly one PutEvents grant per publishing service', () => {
    const grants = allStatements(built.templates).filter(({ statement }) =>
      asList(statement['Action'] as string | string[]).includes('events:PutEvents'),
    );
    const publishing = SERVICE_NAMES.filter((service) => publicationsOf(service).length > 0);
    expect(grants.map(({ stack }) => stack).sort()).toEqual(
      publishing.map((s) => built.stacks.services[s].stackName).sort(),
    );
  });
});
