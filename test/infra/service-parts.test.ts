/**
 * The parts ConsumerService is composed of, used on their own: a stack that wants the saga's
 * queue-and-rules wiring for a function of its own composes them without ConsumerService.
 */
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { OrderCancelled, OrderConfirmed } from '../../lib/contracts';
import {
  addDeadLetterQueue,
  addEventQueue,
  addEventRules,
  addQueueEventSource,
  addServiceFunction,
} from '../../lib/infra';
import { NO_BUNDLING } from './app-builder';

const STUB_ENTRY = join(__dirname, '..', 'fixtures', 'infra', 'stub-handler.ts');

describe('the parts of a consumer service, composed without ConsumerService', () => {
  const app = new App({ context: { ...NO_BUNDLING }, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Parts');
  const eventBus = events.EventBus.fromEventBusName(stack, 'Bus', 'shop-choreography');
  const table = new dynamodb.Table(stack, 'Audit', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
  });
  const deadLetterQueue = addDeadLetterQueue(stack, 'AuditDlq', { source: 'queue-redrive' });
  const queue = addEventQueue(stack, 'AuditQueue', {
    queueName: 'audit',
    deadLetterQueue,
    maxReceiveCount: 3,
    visibilityTimeout: Duration.seconds(60),
  });
  const targetDeadLetterQueue = addDeadLetterQueue(stack, 'AuditTargetDlq', { source: 'rule-targets' });
  const { function: fn } = addServiceFunction(stack, {
    functionName: 'audit',
    description: 'audits settled orders',
    roleDescription: 'Runs the audit',
    entry: STUB_ENTRY,
    environment: {},
    table,
    invokedSynchronouslyBecause: 'only its SQS event source mapping invokes it',
    functionProps: { memorySize: 256 },
  });
  const eventSource = addQueueEventSource(fn, queue, { batchSize: 5 });
  const rules = addEventRules(stack, {
    eventBus,
    contracts: [OrderConfirmed, OrderCancelled],
    queueOf: () => queue,
    consumer: 'audit',
    targetDeadLetterQueue,
  });
  const template = Template.fromStack(stack);
  const queueId = stack.getLogicalId(queue.node.defaultChild as sqs.CfnQueue);

  it('fills the queue from one rule per contract, with the rules dead-letter queue and the longest retry', () => {
    expect(rules.map((rule) => rule.node.id)).toEqual(['OrderConfirmedRule', 'OrderCancelledRule']);
    template.resourceCountIs('AWS::Events::Rule', 2);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['shop.orders'], 'detail-type': ['OrderCancelled'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [queueId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
        }),
      ],
    });
  });

  it('redrives the queue to its dead-letter queue, encrypted', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'audit',
      VisibilityTimeout: 60,
      SqsManagedSseEnabled: true,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }),
    });
  });

  it('drains the queue with the given batch size over the defaults, and grants the function its table', () => {
    expect(eventSource).toBeDefined();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      BatchSize: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'audit',
      MemorySize: 256,
      Timeout: 20,
      Runtime: 'nodejs24.x',
    });
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).toContain('dynamodb:PutItem');
  });
});
