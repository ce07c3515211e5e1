import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { seedCustomers } from '../../../functions/payments/store';
import { buildEvent } from '../../../functions/shared/event-builder';
import {
  busName,
  DEAD_LETTER_ATTRIBUTES,
  EVENT_CONTRACTS,
  SERVICE_NAMES,
  serviceResourceNames,
  type ServiceName,
} from '../../../lib/contracts';
import { CLIENT_PRINCIPAL } from '../../../lib/local/endpoint/caller-identity';
import { SEED_CUSTOMERS } from '../../../lib/seed/seed-data';
import orders from '../../fixtures/e2e/orders.json';
import paymentFailedWithoutReservation from '../../fixtures/e2e/payment-failed-without-reservation.json';
import poisonOrderPlacedDetail from '../../fixtures/e2e/poison-order-placed-detail.json';
import reserveBeyondStock from '../../fixtures/e2e/reserve-beyond-stock-transaction.json';
import { concernsOrder, findMessage, queueArnOf, queueUrlOf } from './queue-messages';
import { sagaCloudForAllTests, VARIANT } from './saga-cloud';
import { contractData, placeOrder, putSagaEvents } from './saga-events';
import { readOrderState, readStockOf } from './saga-state';
import { traceOf } from './saga-trace';

/** The queue's redrive policy, read through the SDK as an operator would. */
async function maxReceiveCountOf(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
  );
  return Number((JSON.parse(Attributes?.RedrivePolicy ?? '{}') as { maxReceiveCount?: unknown }).maxReceiveCount);
}

async function visibleMessagesIn(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages);
}

/**
 * How the real app fails on the local cloud: poison messages, transient failures that exhaust
 * their receives, redrive from a DLQ, and DynamoDB transactions refused by a condition.
 */
describe('failure handling of the choreographed saga on the local cloud', () => {
  const saga = sagaCloudForAllTests();

  const quiet = () => saga.quiet();
  const namesOf = (service: ServiceName) => serviceResourceNames(VARIANT, service);

  it('dead-letters a schema-invalid OrderPlaced in every consumer DLQ with its reason, without retrying it', async () => {
    // Prepare
    const orderId = poisonOrderPlacedDetail.metadata.correlationId;
    const consumers = SERVICE_NAMES.filter((service) =>
      (EVENT_CONTRACTS.OrderPlaced.consumers as readonly string[]).includes(service),
    );

    // Act
    const put = await saga.clients.eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: busName(VARIANT),
            Source: EVENT_CONTRACTS.OrderPlaced.source,
            DetailType: EVENT_CONTRACTS.OrderPlaced.detailType,
            Detail: JSON.stringify(poisonOrderPlacedDetail),
          },
        ],
      }),
    );
    await quiet();

    // Assess
    expect(put.FailedEntryCount).toBe(0);
    expect(consumers).toEqual(expect.arrayContaining(['orders', 'inventory']));
    for (const service of consumers) {
      const deadLetterQueueUrl = await queueUrlOf(saga.clients.sqs, namesOf(service).deadLetterQueue);
      const message = await findMessage(saga.clients.sqs, deadLetterQueueUrl, concernsOrder(orderId));
      expect({ service, attributes: message.MessageAttributes }).toMatchObject({
        service,
        attributes: {
          [DEAD_LETTER_ATTRIBUTES.reason]: {
            StringValue: expect.stringMatching(/^'OrderPlaced' detail does not match its contract: .*lines/),
          },
          [DEAD_LETTER_ATTRIBUTES.errorName]: { StringValue: 'InvalidDetailError' },
          [DEAD_LETTER_ATTRIBUTES.service]: { StringValue: service },
        },
      });
    }
    // Each consumer received it once and set it aside itself: no retries, no redrive policy at work.
    const receives = traceOf(saga.cloud.trace, orderId, 'message.received').filter(
      (event) => event.receiver !== CLIENT_PRINCIPAL,
    );
    expect(receives.map((event) => [event.queue, event.receiveCount]).sort()).toEqual(
      consumers.map((service) => [namesOf(service).queue, 1]).sort(),
    );
    expect(traceOf(saga.cloud.trace, orderId, 'message.dead-lettered')).toEqual([]);
    expect(await readOrderState(saga.clients.documentClient, orderId)).toMatchObject({
      order: undefined,
      reservation: undefined,
    });
  }, 60_000);

  it('retries a PaymentFailed whose reservation never appears until maxReceiveCount, then the queue dead-letters it', async () => {
    // Prepare
    const data = contractData('PaymentFailed', paymentFailedWithoutReservation);
    const paymentFailed = buildEvent('PaymentFailed', data, {
      causationId: `e2e:${data.orderId}`,
      correlationId: data.orderId,
    });
    const { queue, deadLetterQueue } = namesOf('inventory');
    const queueUrl = await queueUrlOf(saga.clients.sqs, queue);
    const deadLetterQueueUrl = await queueUrlOf(saga.clients.sqs, deadLetterQueue);
    const maxReceiveCount = await maxReceiveCountOf(saga.clients.sqs, queueUrl);

    // Act
    await putSagaEvents(saga.clients.eventBridge, [paymentFailed]);
    await quiet();

    // Assess
    expect(maxReceiveCount).toBe(5);
    const trace = saga.cloud.trace;
    const receiveCounts = traceOf(trace, data.orderId, 'message.received').map((event) => event.receiveCount);
    expect(receiveCounts).toEqual(Array.from({ length: maxReceiveCount }, (_, index) => index + 1));
    // Every attempt failed as a partial batch failure (MissingRecordError is retryable) ...
    const attempts = traceOf(trace, data.orderId, 'invocation.ended').filter(
      (event) => event.functionName === namesOf('inventory').functionName,
    );
    expect(attempts).toHaveLength(maxReceiveCount);
    expect(attempts.every((attempt) => attempt.outcome === 'success' && attempt.failedItems?.length === 1)).toBe(true);
    // ... so the message came back after each visibility timeout, and then the redrive policy moved it.
    expect(traceOf(trace, data.orderId, 'message.returned').map((event) => event.receiveCount)).toEqual(receiveCounts);
    expect(traceOf(trace, data.orderId, 'message.dead-lettered')).toEqual([
      expect.objectContaining({ queue, deadLetterQueue, receiveCount: maxReceiveCount }),
    ]);
    const deadLetter = await findMessage(saga.clients.sqs, deadLetterQueueUrl, concernsOrder(data.orderId));
    expect(deadLetter.Attributes?.DeadLetterQueueSourceArn).toBe(await queueArnOf(saga.clients.sqs, queueUrl));
    expect(deadLetter.MessageAttributes?.[DEAD_LETTER_ATTRIBUTES.reason]).toBeUndefined();
    expect((await readOrderState(saga.clients.documentClient, data.orderId)).reservation).toBeUndefined();
  }, 60_000);

  it('redrives a StockReserved dead-lettered during a payments table outage, and the order then confirms', async () => {
    // Prepare: the payments table is gone, so every receive of the order's StockReserved fails.
    const order = contractData('OrderPlaced', orders.redrive);
    const payments = namesOf('payments');
    const { Table: table } = await saga.clients.dynamoDb.send(new DescribeTableCommand({ TableName: payments.table }));
    await saga.clients.dynamoDb.send(new DeleteTableCommand({ TableName: payments.table }));
    try {
      await placeOrder(saga.clients.eventBridge, order);
      await quiet();
    } finally {
      // The outage ends (also when the test fails, for the tests after it): the table is back, with its customers.
      await saga.clients.dynamoDb.send(
        new CreateTableCommand({
          TableName: payments.table,
          KeySchema: table?.KeySchema,
          AttributeDefinitions: table?.AttributeDefinitions,
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await seedCustomers(saga.clients.documentClient, payments.table, SEED_CUSTOMERS);
    }
    const [deadLettered, ...others] = traceOf(saga.cloud.trace, order.orderId, 'message.dead-lettered');
    expect(others).toEqual([]);
    expect(deadLettered).toMatchObject({ queue: payments.queue, deadLetterQueue: payments.deadLetterQueue });
    expect((await readOrderState(saga.clients.documentClient, order.orderId)).order?.status).toBe('PENDING');
    const deadLetterQueueUrl = await queueUrlOf(saga.clients.sqs, payments.deadLetterQueue);
    const deadLetterQueueArn = await queueArnOf(saga.clients.sqs, deadLetterQueueUrl);

    // Act: redrive the DLQ to the queue each message came from (no DestinationArn).
    await saga.clients.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetterQueueArn }));
    await waitForMoveTasks(saga.clients.sqs, deadLetterQueueArn);
    await quiet();

    // Assess
    const state = await readOrderState(saga.clients.documentClient, order.orderId);
    expect(state.order?.status).toBe('CONFIRMED');
    expect(state.charges).toEqual([expect.objectContaining({ status: 'CHARGED' })]);
    expect(state.notifications).toEqual([expect.objectContaining({ outcome: 'CONFIRMED' })]);
    const messageId = deadLettered?.messageId;
    const lifecycle = traceOf(
      saga.cloud.trace,
      order.orderId,
      'message.redriven',
      'message.received',
      'message.deleted',
    ).filter((event) => event.messageId === messageId);
    const afterRedrive = lifecycle
      .slice(lifecycle.findIndex((event) => event.kind === 'message.redriven'))
      .map((event) =>
        event.kind === 'message.redriven' ? [event.kind, event.fromQueue, event.toQueue] : [event.kind, event.queue],
      );
    expect(afterRedrive).toEqual([
      ['message.redriven', payments.deadLetterQueue, payments.queue],
      ['message.received', payments.queue],
      ['message.deleted', payments.queue],
    ]);
    expect(await visibleMessagesIn(saga.clients.sqs, deadLetterQueueUrl)).toBe(0);
  }, 90_000);

  it('cancels a transaction whose stock condition fails, with the reasons, and writes nothing', async () => {
    // Prepare
    const update = reserveBeyondStock.TransactItems[1]?.Update;
    const put = reserveBeyondStock.TransactItems[0]?.Put;
    const stockBefore = await readStockOf(saga.clients.documentClient, ['sku-dock']);

    // Act
    const error = await saga.clients.documentClient
      .send(new TransactWriteCommand(reserveBeyondStock as TransactWriteCommandInput))
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );

    // Assess
    expect(update?.Key.pk).toBe('STOCK#sku-dock');
    expect(error).toMatchObject({
      name: 'TransactionCanceledException',
      message: expect.stringContaining('ConditionalCheckFailed'),
      CancellationReasons: [
        { Code: 'None' },
        {
          Code: 'ConditionalCheckFailed',
          Item: expect.objectContaining({ available: { N: String(stockBefore['sku-dock']) } }),
        },
      ],
    });
    expect(await readStockOf(saga.clients.documentClient, ['sku-dock'])).toEqual(stockBefore);
    expect((await readOrderState(saga.clients.documentClient, put?.Item.orderId ?? '')).reservation).toBeUndefined();
  }, 30_000);
});

/** Resolves once no message move task of the DLQ is running any more. */
async function waitForMoveTasks(sqs: SQSClient, sourceArn: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { Results = [] } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 10 }));
    if (Results.length > 0 && Results.every((task) => task.Status !== 'RUNNING')) {
      const failed = Results.filter((task) => task.Status !== 'COMPLETED');
      if (failed.length > 0)
        throw new Error(
          `message move task ended ${failed.map((task) => `${task.Status}: ${task.FailureReason ?? ''}`).join('; ')}`,
        );
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the message move tasks of '${sourceArn}' did not finish`);
}
