import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { OrderConfirmed, OrderPlaced, PaymentCompleted, StockReserved } from '../../lib/contracts';
import { ConsumerService, InvalidInfraConfigError, type ConsumerServiceProps } from '../../lib/infra';
import { NO_BUNDLING } from './app-builder';

const STUB_ENTRY = join(__dirname, '..', 'fixtures', 'infra', 'stub-handler.ts');

/** Props for a ConsumerService, or a function of the stack it is in that makes them (for existing resources). */
type PropsIn = Partial<ConsumerServiceProps> | ((stack: Stack) => Partial<ConsumerServiceProps>);

/** A ConsumerService alone in a stack, on an imported bus. */
function consumerIn(propsIn: PropsIn = {}): { service: ConsumerService; template: () => Template } {
  const app = new App({ context: { ...NO_BUNDLING }, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Test');
  const eventBus = events.EventBus.fromEventBusName(stack, 'Bus', 'shop-choreography');
  const props = typeof propsIn === 'function' ? propsIn(stack) : propsIn;
  const service = new ConsumerService(stack, 'Payments', {
    service: 'payments',
    eventBus,
    ...props,
    functionProps: { entry: STUB_ENTRY, ...props.functionProps },
  });
  return { service, template: () => Template.fromStack(stack) };
}

describe('ConsumerService props', () => {
  it('derives the visibility timeout from the timeout and the batching window', () => {
    const { template } = consumerIn({
      functionProps: { timeout: Duration.seconds(60) },
      eventSourceProps: { maxBatchingWindow: Duration.seconds(5), batchSize: 100 },
    });
    template().hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'shop-choreography-payments',
      VisibilityTimeout: 365,
    });
    template().hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
    });
    template().hasResourceProperties('AWS::Lambda::Function', { Timeout: 60 });
  });

  it('uses given subscriptions and grants no PutEvents when it publishes nothing', () => {
    const { service, template } = consumerIn({ subscriptions: [StockReserved, PaymentCompleted], publishes: [] });
    expect(service.rules).toHaveLength(2);
    template().resourceCountIs('AWS::Events::Rule', 2);
    expect(JSON.stringify(template().toJSON())).not.toContain('events:PutEvents');
  });

  it('exposes what it creates', () => {
    const { service } = consumerIn();
    expect([
      service.table,
      service.queue,
      service.deadLetterQueue,
      service.targetDeadLetterQueue,
      service.function,
      service.eventSource,
    ]).not.toContain(undefined);
    expect(service.subscriptions.map((c) => c.detailType)).toEqual(['StockReserved', 'OrderCancelled']);
    expect(service.publishes.map((c) => c.detailType).sort()).toEqual(['PaymentCompleted', 'PaymentFailed']);
  });

  it('merges tableProps, queueProps, functionProps and targetProps over the defaults', () => {
    const { template } = consumerIn({
      tableProps: { deletionProtection: true },
      queueProps: { retentionPeriod: Duration.days(7) },
      functionProps: { memorySize: 1024, environment: { FEATURE_FLAG: 'on' } },
      targetProps: { retryAttempts: 3 },
    });
    template().hasResourceProperties('AWS::DynamoDB::Table', {
      DeletionProtectionEnabled: true,
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
    });
    template().hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'shop-choreography-payments',
      MessageRetentionPeriod: 7 * 24 * 3600,
      SqsManagedSseEnabled: true,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }),
    });
    template().hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 1024,
      Timeout: 20,
      Environment: { Variables: Match.objectLike({ FEATURE_FLAG: 'on', TABLE_NAME: Match.anyValue() }) },
    });
    template().hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 86400 } })],
    });
  });

  it('keeps its state in an existing table and drains an existing queue, creating neither', () => {
    let existing: { table: dynamodb.Table; queue: sqs.Queue } | undefined;
    const { service, template } = consumerIn((stack) => {
      existing = {
        table: new dynamodb.Table(stack, 'ExistingTable', {
          partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
          sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
        }),
        queue: new sqs.Queue(stack, 'ExistingQueue'),
      };
      return { existingTable: existing.table, existingQueue: existing.queue };
    });
    expect([service.table, service.queue, service.settlementQueue]).toEqual([
      existing?.table,
      existing?.queue,
      undefined,
    ]);
    template().resourceCountIs('AWS::DynamoDB::Table', 1);
    // The existing queue, the dead-letter queue the handler writes to and the rules' dead-letter queue.
    template().resourceCountIs('AWS::SQS::Queue', 3);
    const queueId = Object.keys(template().findResources('AWS::SQS::Queue', { Properties: Match.absent() }))[0];
    template().hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
    });
    for (const rule of Object.values(template().findResources('AWS::Events::Rule'))) {
      expect(rule['Properties'].Targets[0].Arn).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    }
    template().hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ TABLE_NAME: { Ref: Match.stringLikeRegexp('^ExistingTable') } }),
      },
    });
  });

  it('refuses an existing table with tableProps, and an existing queue with queueProps', () => {
    const withTable = () =>
      consumerIn((stack) => ({
        existingTable: dynamodb.Table.fromTableName(stack, 'Existing', 'elsewhere'),
        tableProps: { deletionProtection: true },
      }));
    const withQueue = () =>
      consumerIn((stack) => ({
        existingQueue: sqs.Queue.fromQueueArn(stack, 'Existing', 'arn:aws:sqs:eu-west-1:111111111111:elsewhere'),
        queueProps: { retentionPeriod: Duration.days(7) },
      }));
    expect(withTable).toThrow("give existingTable or tableProps, not both, for 'payments'");
    expect(withQueue).toThrow("give existingQueue or queueProps, not both, for 'payments'");
  });

  it.each<[string, Partial<ConsumerServiceProps>, string]>([
    [
      'a batch larger than 10 without a window',
      { eventSourceProps: { batchSize: 11 } },
      "batchSize must be a whole number from 1 to 10, got '11'",
    ],
    [
      'a concurrency below 2',
      { eventSourceProps: { maxConcurrency: 1 } },
      "maxConcurrency must be a whole number from 2 to 1000, got '1'",
    ],
    [
      'a timeout that is not whole seconds',
      { functionProps: { timeout: Duration.millis(1500) } },
      "timeout must be whole seconds from 1 to 900, got '1 second 500 millis'",
    ],
    ['a timeout above 15 minutes', { functionProps: { timeout: Duration.minutes(16) } }, "got '16 minutes'"],
    [
      'a memory size below 128 MB',
      { functionProps: { memorySize: 64 } },
      "memorySize must be a whole number from 128 to 10240, got '64'",
    ],
    ['a zero receive count', { maxReceiveCount: 0 }, "maxReceiveCount must be a whole number from 1 to 1000, got '0'"],
    [
      'a batching window above 5 minutes',
      { eventSourceProps: { maxBatchingWindow: Duration.minutes(6) } },
      "maxBatchingWindow must be whole seconds from 0 to 300, got '6 minutes'",
    ],
    ['no subscriptions', { subscriptions: [] }, "got none for 'payments'"],
    [
      'the same subscription twice',
      { subscriptions: [StockReserved, StockReserved] },
      "got 'StockReserved' twice for 'payments'",
    ],
    [
      'publishing under another source',
      { publishes: [OrderConfirmed] },
      "may publish only under 'shop.payments', got 'OrderConfirmed' from 'shop.orders'",
    ],
    ['publishing the storefront event', { publishes: [OrderPlaced] }, "got 'OrderPlaced' from 'shop.storefront'"],
    ['an invalid stage', { stage: 'Prod' }, "got 'Prod'"],
  ])('refuses %s', (_what, props, message) => {
    const act = () => consumerIn(props);
    expect(act).toThrow(InvalidInfraConfigError);
    expect(act).toThrow(message);
  });

  it('refuses a party that is not one of the five services', () => {
    expect(() => consumerIn({ service: 'storefront' as never })).toThrow("got 'storefront'");
  });
});
