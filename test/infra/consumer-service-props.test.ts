import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import { OrderConfirmed, OrderPlaced, PaymentCompleted, StockReserved } from '../../lib/contracts';
import { ConsumerService, InvalidInfraConfigError, type ConsumerServiceProps } from '../../lib/infra';
import { NO_BUNDLING } from './app-builder';

const STUB_ENTRY = join(__dirname, '..', 'fixtures', 'infra', 'stub-handler.ts');

/** A ConsumerService alone in a stack, on an imported bus. */
function consumerIn(props: Partial<ConsumerServiceProps> = {}): { service: ConsumerService; template: () => Template } {
  const app = new App({ context: { ...NO_BUNDLING }, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Test');
  const eventBus = events.EventBus.fromEventBusName(stack, 'Bus', 'shop-choreography');
  const service = new ConsumerService(stack, 'Payments', {
    service: 'payments',
    eventBus,
    entry: STUB_ENTRY,
    ...props,
  });
  return { service, template: () => Template.fromStack(stack) };
}

describe('ConsumerService props', () => {
  it('derives the visibility timeout from the timeout and the batching window', () => {
    const { template } = consumerIn({
      timeout: Duration.seconds(60),
      maxBatchingWindow: Duration.seconds(5),
      batchSize: 100,
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

  it.each<[string, Partial<ConsumerServiceProps>, string]>([
    [
      'a batch larger than 10 without a window',
      { batchSize: 11 },
      "batchSize must be a whole number from 1 to 10, got '11'",
    ],
    ['a concurrency below 2', { maxConcurrency: 1 }, "maxConcurrency must be a whole number from 2 to 1000, got '1'"],
    [
      'a timeout that is not whole seconds',
      { timeout: Duration.millis(1500) },
      "timeout must be whole seconds from 1 to 900, got '1 second 500 millis'",
    ],
    ['a timeout above 15 minutes', { timeout: Duration.minutes(16) }, "got '16 minutes'"],
    ['a memory size below 128 MB', { memorySize: 64 }, "memorySize must be a whole number from 128 to 10240, got '64'"],
    ['a zero receive count', { maxReceiveCount: 0 }, "maxReceiveCount must be a whole number from 1 to 1000, got '0'"],
    [
      'a batching window above 5 minutes',
      { maxBatchingWindow: Duration.minutes(6) },
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
