import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { deriveEventId } from '../../../lib/contracts';
import { createTaskHandler } from '../../../functions/orders/task';
import { envelopeFixture, mockAwsInEachTest, taskDeps, taskInput } from './task-builders';

const aws = mockAwsInEachTest();

/** Records ord-1001 as PENDING through the task and makes the table return it from then on. */
async function arrangePendingOrder(handler: ReturnType<typeof createTaskHandler>): Promise<void> {
  aws.ddb.on(GetCommand).resolvesOnce({});
  aws.ddb.on(PutCommand).resolves({});
  await handler(taskInput('RecordOrder', 'order-placed'));
  const pending = aws.ddb.commandCalls(PutCommand)[0]?.args[0].input.Item;
  aws.ddb.on(GetCommand).resolves({ Item: pending });
}

describe('orders task', () => {
  it('confirms on ConfirmOrder and returns the OrderConfirmed detail with a deterministic event id', async () => {
    // Prepare
    const handler = createTaskHandler(taskDeps());
    await arrangePendingOrder(handler);
    const shipped = envelopeFixture('shipment-scheduled');

    // Act
    const output = await handler(taskInput('ConfirmOrder', shipped));

    // Assess
    expect(output.outcome).toBe('applied');
    expect(output.event).toMatchObject({
      detailType: 'OrderConfirmed',
      detail: {
        metadata: {
          eventId: deriveEventId(String(shipped.detail.metadata['eventId']), 'OrderConfirmed'),
          correlationId: 'ord-1001',
        },
        data: { orderId: 'ord-1001', trackingId: shipped.detail.data['trackingId'] },
      },
    });
  });

  it('returns the cancellation as data on CancelOrder after a stock reservation failure', async () => {
    // Prepare
    const handler = createTaskHandler(taskDeps());
    await arrangePendingOrder(handler);

    // Act
    const output = await handler(taskInput('CancelOrder', 'stock-reservation-failed'));

    // Assess
    expect(output.event).toMatchObject({ detailType: 'OrderCancelled', detail: { data: { reason: 'OUT_OF_STOCK' } } });
  });

  it('returns the same OrderConfirmed and writes nothing when ConfirmOrder runs twice', async () => {
    // Prepare
    const handler = createTaskHandler(taskDeps());
    await arrangePendingOrder(handler);
    const first = await handler(taskInput('ConfirmOrder', 'shipment-scheduled'));
    const confirmed = aws.ddb.commandCalls(PutCommand)[1]?.args[0].input.Item;
    aws.ddb.on(GetCommand).resolves({ Item: confirmed });
    const putsBefore = aws.ddb.commandCalls(PutCommand).length;

    // Act
    const second = await handler(taskInput('ConfirmOrder', 'shipment-scheduled'));

    // Assess
    expect(second).toEqual({ ...first, outcome: 'duplicate' });
    expect(aws.ddb.commandCalls(PutCommand)).toHaveLength(putsBefore);
  });

  it('throws MissingTaskOutcomeError when CancelOrder finds the order already confirmed', async () => {
    // Prepare
    const handler = createTaskHandler(taskDeps());
    await arrangePendingOrder(handler);
    await handler(taskInput('ConfirmOrder', 'shipment-scheduled'));
    aws.ddb.on(GetCommand).resolves({ Item: aws.ddb.commandCalls(PutCommand)[1]?.args[0].input.Item });

    // Act
    const result = handler(taskInput('CancelOrder', 'stock-released'));

    // Assess
    await expect(result).rejects.toMatchObject({ name: 'MissingTaskOutcomeError', retryable: false });
  });
});
