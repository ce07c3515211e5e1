import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler } from '../../../../functions/inventory/handler';
import {
  NOW,
  TEST_ENV,
  emptyTable,
  envelopeFixture,
  handlerDeps,
  mockAwsInEachTest,
  publishedEvents,
  sqsEvent,
  sqsRecord,
  transactionCancelled,
  withData,
  withMetadata,
} from '../builders';

const placed = envelopeFixture('order-placed');
/** The payment-failed fixture moved to order ord-1001, so it meets the reservation of order-placed. */
const paymentFailed = withData(envelopeFixture('payment-failed'), { orderId: 'ord-1001', customerId: 'cus-ada' });

const aws = mockAwsInEachTest();

/** The reservation item the handler put inside its transaction. */
function reservationWritten(): Record<string, unknown> {
  const transaction = aws.ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input;
  const put = transaction?.TransactItems?.find((item) => item.Put)?.Put;
  if (!put?.Item) throw new Error('no reservation was written');
  return put.Item;
}

describe('inventory handler', () => {
  it('reserves every line in one transaction and publishes StockReserved', async () => {
    // Prepare
    emptyTable(aws);
    const handler = createHandler(handlerDeps());

    // Act
    const response = await handler(sqsEvent(sqsRecord(placed)));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const transaction = aws.ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input;
    expect(transaction?.TransactItems).toHaveLength(3);
    expect(transaction?.TransactItems?.[0]?.Update).toMatchObject({
      TableName: TEST_ENV.TABLE_NAME,
      Key: { pk: 'STOCK#sku-keyboard', sk: 'STOCK' },
      ConditionExpression: 'attribute_exists(pk) AND available >= :quantity',
      ExpressionAttributeValues: { ':quantity': 1 },
    });
    expect(transaction?.TransactItems?.[2]?.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(reservationWritten()).toMatchObject({ pk: 'RESERVATION#ord-1001', status: 'RESERVED', amount: 13900 });
    expect(publishedEvents(aws)).toEqual([
      expect.objectContaining({
        detailType: 'StockReserved',
        detail: expect.objectContaining({
          data: expect.objectContaining({ orderId: 'ord-1001', amount: 13900, paymentToken: 'tok_visa' }),
          metadata: expect.objectContaining({
            causationId: placed.detail.metadata.eventId,
            occurredAt: NOW.toISOString(),
          }),
        }),
      }),
    ]);
    expect(aws.eventBridge).toHaveReceivedCommandWith(PutEventsCommand, {
      Entries: [expect.objectContaining({ Source: 'shop.inventory', EventBusName: TEST_ENV.EVENT_BUS_NAME })],
    });
  });

  it('records FAILED, takes no stock and publishes StockReservationFailed when a line is short', async () => {
    // Prepare: the mouse condition fails; a consistent read shows 1 left.
    aws.ddb.on(GetCommand).resolves({});
    aws.ddb.on(TransactWriteCommand).rejects(transactionCancelled('None', 'ConditionalCheckFailed', 'None'));
    aws.ddb.on(BatchGetCommand).resolves({
      Responses: {
        [TEST_ENV.TABLE_NAME]: [
          { sku: 'sku-keyboard', available: 40 },
          { sku: 'sku-mouse', available: 1 },
        ],
      },
    });
    aws.ddb.on(PutCommand).resolves({});
    const deps = handlerDeps();
    const addMetric = jest.spyOn(deps.metrics, 'addMetric');
    const handler = createHandler(deps);

    // Act
    const response = await handler(sqsEvent(sqsRecord(placed)));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(aws.ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({ pk: 'RESERVATION#ord-1001', status: 'FAILED' }),
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(publishedEvents(aws)).toEqual([
      expect.objectContaining({
        detailType: 'StockReservationFailed',
        detail: expect.objectContaining({
          data: expect.objectContaining({
            reason: 'OUT_OF_STOCK',
            unavailable: [{ sku: 'sku-mouse', requested: 2, available: 1 }],
          }),
        }),
      }),
    ]);
    expect(addMetric).toHaveBeenCalledWith('StockOuts', 'Count', 1);
  });

  it('tries the reservation again when stock came back between the refusal and the read', async () => {
    aws.ddb.on(GetCommand).resolves({});
    aws.ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCancelled('ConditionalCheckFailed', 'None', 'None'))
      .resolves({});
    aws.ddb.on(BatchGetCommand).resolves({
      Responses: {
        [TEST_ENV.TABLE_NAME]: [
          { sku: 'sku-keyboard', available: 3 },
          { sku: 'sku-mouse', available: 9 },
        ],
      },
    });
    const handler = createHandler(handlerDeps());

    await handler(sqsEvent(sqsRecord(placed)));

    expect(aws.ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    expect(publishedEvents(aws).map((event) => event.detailType)).toEqual(['StockReserved']);
  });

  it('releases the reservation in one transaction conditioned on RESERVED and publishes StockReleased', async () => {
    // Prepare: the reservation the order-placed fixture made.
    emptyTable(aws);
    const handler = createHandler(handlerDeps());
    await handler(sqsEvent(sqsRecord(placed)));
    aws.ddb.on(GetCommand).resolves({ Item: reservationWritten() });

    // Act
    const response = await handler(sqsEvent(sqsRecord(paymentFailed)));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const release = aws.ddb.commandCalls(TransactWriteCommand)[1]?.args[0].input.TransactItems;
    expect(release?.[0]?.Update).toMatchObject({
      Key: { pk: 'RESERVATION#ord-1001', sk: 'RESERVATION' },
      ConditionExpression: '#status = :reserved',
    });
    expect(release?.slice(1).map((item) => item.Update?.ExpressionAttributeValues?.[':quantity'])).toEqual([1, 2]);
    expect(publishedEvents(aws)[1]).toEqual(
      expect.objectContaining({
        detailType: 'StockReleased',
        detail: expect.objectContaining({
          data: expect.objectContaining({
            orderId: 'ord-1001',
            reason: 'PAYMENT_FAILED',
            paymentFailureReason: 'LIMIT_EXCEEDED',
          }),
        }),
      }),
    );
  });

  it('releases once and republishes the same StockReleased when a PaymentFailed is redelivered after the release', async () => {
    // Prepare: the reservation as the first release left it.
    emptyTable(aws);
    const handler = createHandler(handlerDeps());
    await handler(sqsEvent(sqsRecord(placed)));
    const reserved = reservationWritten();
    aws.ddb.on(GetCommand).resolves({ Item: reserved });
    await handler(sqsEvent(sqsRecord(paymentFailed)));
    const releasedBy =
      aws.ddb.commandCalls(TransactWriteCommand)[1]?.args[0].input.TransactItems?.[0]?.Update
        ?.ExpressionAttributeValues?.[':releasedBy'];
    aws.ddb.on(GetCommand).resolves({ Item: { ...reserved, status: 'RELEASED', releasedBy } });

    // Act
    await handler(sqsEvent(sqsRecord(paymentFailed)));

    // Assess
    expect(aws.ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    const events = publishedEvents(aws);
    expect(events.map((event) => event.detailType)).toEqual(['StockReserved', 'StockReleased', 'StockReleased']);
    expect(events[2]).toEqual(events[1]);
  });

  it('leaves a PaymentFailed whose reservation is not recorded yet to SQS, to be retried', async () => {
    aws.ddb.on(GetCommand).resolves({});
    const record = sqsRecord(paymentFailed);

    const response = await createHandler(handlerDeps())(sqsEvent(record));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(aws.ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('gives up after repeated transaction conflicts and leaves the message to SQS', async () => {
    aws.ddb.on(GetCommand).resolves({});
    aws.ddb.on(TransactWriteCommand).rejects(transactionCancelled('TransactionConflict', 'None', 'None'));
    const record = sqsRecord(placed);

    const response = await createHandler(handlerDeps())(sqsEvent(record));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(aws.ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 5);
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('retries only the entry EventBridge did not accept', async () => {
    // Prepare: two orders in one batch; the first PutEvents for ord-1001 is throttled.
    emptyTable(aws);
    const other = withMetadata(withData(placed, { orderId: 'ord-1009' }), {
      eventId: '5e1f3c1a-8b8e-4f57-9a39-1f2d3c4b5a69',
      correlationId: 'ord-1009',
    });
    let throttled = false;
    aws.eventBridge.on(PutEventsCommand).callsFake((input: { Entries: { Detail?: string }[] }) => {
      const failFirst = !throttled && input.Entries.some((entry) => entry.Detail?.includes('"ord-1001"'));
      throttled ||= failFirst;
      return {
        FailedEntryCount: failFirst ? 1 : 0,
        Entries: input.Entries.map((_, index) =>
          failFirst ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'rate exceeded' } : { EventId: `eb-${index}` },
        ),
      };
    });
    const handler = createHandler(handlerDeps());

    // Act
    const response = await handler(sqsEvent(sqsRecord(placed), sqsRecord(other)));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const orderIdsPerCall = aws.eventBridge
      .commandCalls(PutEventsCommand)
      .map((call) => (call.args[0].input.Entries ?? []).map((entry) => JSON.parse(entry.Detail ?? '{}').data.orderId));
    expect(orderIdsPerCall).toHaveLength(3);
    expect(orderIdsPerCall.filter((ids) => ids.includes('ord-1001'))).toEqual([['ord-1001'], ['ord-1001']]);
    expect(orderIdsPerCall.filter((ids) => ids.includes('ord-1009'))).toEqual([['ord-1009']]);
  });
});
