import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler } from '../../../../functions/orders/handler';
import {
  NOW,
  conditionalCheckFailed,
  dynamoError,
  envelopeFixture,
  expectPutIfAbsent,
  handlerDeps,
  mockAwsInEachTest,
  publishedEvents,
  putItem,
  sqsEvent,
  sqsRecord,
  withData,
} from '../builders';

const placed = envelopeFixture('order-placed');
const shipped = envelopeFixture('shipment-scheduled');

const aws = mockAwsInEachTest();

/** Records ord-1001 as PENDING through the handler and makes the table return it from then on. */
async function arrangePendingOrder(handler: ReturnType<typeof createHandler>): Promise<Record<string, unknown>> {
  aws.ddb.on(GetCommand).resolvesOnce({});
  aws.ddb.on(PutCommand).resolves({});
  await handler(sqsEvent(sqsRecord(placed)));
  const pending = putItem(aws, 0);
  aws.ddb.on(GetCommand).resolves({ Item: pending });
  return pending;
}

describe('orders handler', () => {
  it('records OrderPlaced as a PENDING order with one conditional put, creating it only if it does not exist', async () => {
    // Prepare
    aws.ddb.on(GetCommand).resolves({});
    aws.ddb.on(PutCommand).resolves({});
    const handler = createHandler(handlerDeps());

    // Act
    const response = await handler(sqsEvent(sqsRecord(placed)));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expectPutIfAbsent(aws, { pk: 'ORDER#ord-1001', status: 'PENDING', version: 1 });
    expect(aws.ddb).not.toHaveReceivedCommand(GetCommand);
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('decides a redelivered OrderPlaced from the order its refused put returns, without reading it', async () => {
    // Prepare: the first delivery recorded the order.
    const handler = createHandler(handlerDeps());
    aws.ddb.on(PutCommand).resolves({});
    await handler(sqsEvent(sqsRecord(placed)));
    const pending = putItem(aws, 0);
    aws.ddb.on(PutCommand).rejects(conditionalCheckFailed(pending));

    // Act
    const response = await handler(sqsEvent(sqsRecord(placed)));

    // Assess: a duplicate (the deadline is sent again), nothing read, nothing overwritten
    expect(response.batchItemFailures).toEqual([]);
    expect(aws.ddb).not.toHaveReceivedCommand(GetCommand);
    expect(aws.ddb.commandCalls(PutCommand)).toHaveLength(2);
    expect(aws.sqs.commandCalls(SendMessageCommand)).toHaveLength(2);
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('confirms the order on ShipmentScheduled, saving only over the version it read, and publishes OrderConfirmed', async () => {
    // Prepare
    const deps = handlerDeps();
    const addMetric = jest.spyOn(deps.metrics, 'addMetric');
    const handler = createHandler(deps);
    await arrangePendingOrder(handler);

    // Act
    const response = await handler(sqsEvent(sqsRecord(shipped)));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(aws.ddb.commandCalls(PutCommand)[1]?.args[0].input).toMatchObject({
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':version': 1 },
      Item: { status: 'CONFIRMED', version: 2 },
    });
    expect(publishedEvents(aws)).toEqual([
      expect.objectContaining({
        detailType: 'OrderConfirmed',
        detail: expect.objectContaining({
          data: {
            orderId: 'ord-1001',
            customerId: 'cus-ada',
            trackingId: 'DHL-D85809B5',
            estimatedDelivery: '2026-12-01',
          },
          metadata: expect.objectContaining({
            occurredAt: NOW.toISOString(),
            causationId: shipped.detail.metadata.eventId,
          }),
        }),
      }),
    ]);
    expect(addMetric).toHaveBeenCalledWith('OrdersConfirmed', 'Count', 1);
  });

  it('changes nothing and republishes the identical OrderConfirmed when the same event arrives twice', async () => {
    // Prepare
    const deps = handlerDeps();
    const addMetric = jest.spyOn(deps.metrics, 'addMetric');
    const handler = createHandler(deps);
    await arrangePendingOrder(handler);
    await handler(sqsEvent(sqsRecord(shipped)));
    aws.ddb.on(GetCommand).resolves({ Item: putItem(aws, 1) });

    // Act
    const response = await createHandler({ ...deps, clock: () => new Date('2027-01-01T00:00:00.000Z') })(
      sqsEvent(sqsRecord(shipped)),
    );

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(aws.ddb).toHaveReceivedCommandTimes(PutCommand, 2);
    const [first, second] = publishedEvents(aws);
    expect(second).toEqual(first);
    expect(addMetric).toHaveBeenCalledTimes(1);
  });

  it('reads again and decides again when another writer saved the order first', async () => {
    // Prepare: between our read and our save, a cancellation was saved.
    const handler = createHandler(handlerDeps());
    const pending = await arrangePendingOrder(handler);
    const cancelled = {
      ...pending,
      status: 'CANCELLED',
      cancellationReason: 'PAYMENT_DECLINED',
      history: [
        ...(pending.history as unknown[]),
        {
          status: 'CANCELLED',
          at: NOW.toISOString(),
          eventId: 'c0ffee00-0000-4000-8000-000000000002',
          detailType: 'StockReleased',
        },
      ],
      version: 2,
    };
    const reads = [pending, cancelled];
    aws.ddb.on(GetCommand).callsFake(() => ({ Item: reads.length > 1 ? reads.shift() : reads[0] }));
    aws.ddb.on(PutCommand).rejects(dynamoError('ConditionalCheckFailedException'));

    // Act
    const response = await handler(sqsEvent(sqsRecord(shipped)));

    // Assess: the second decision sees CANCELLED and leaves it; nothing is confirmed.
    expect(response.batchItemFailures).toEqual([]);
    expect(aws.ddb).toHaveReceivedCommandTimes(PutCommand, 2);
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('reports only the record whose event could not be published, after retrying it', async () => {
    // Prepare: EventBridge refuses every attempt for the confirmation.
    const handler = createHandler(handlerDeps());
    await arrangePendingOrder(handler);
    aws.eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    });
    const confirming = sqsRecord(shipped);
    const other = sqsRecord(withData(placed, { orderId: 'ord-2000' }));
    aws.ddb.on(GetCommand, { Key: { pk: 'ORDER#ord-2000', sk: 'ORDER' } }).resolves({});

    // Act
    const response = await handler(sqsEvent(confirming, other));

    // Assess: four attempts (the publisher's default), then the record is left to SQS.
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: confirming.messageId }]);
    expect(aws.eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 4);
  });
});
