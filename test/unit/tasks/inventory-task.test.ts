import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createTaskHandler } from '../../../functions/inventory/task';
import { mockAwsInEachTest, recordWritten, taskDeps, taskInput, transactionCancelled } from './task-builders';

const aws = mockAwsInEachTest();

describe('inventory task', () => {
  it('returns StockReservationFailed as data, not as an error, when a line is out of stock', async () => {
    // Prepare
    aws.ddb.on(GetCommand).resolves({});
    aws.ddb.on(TransactWriteCommand).rejects(transactionCancelled('None', 'ConditionalCheckFailed', 'None'));
    aws.ddb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, unknown> }) => ({
      Responses: {
        [Object.keys(input.RequestItems)[0] ?? '']: [
          { sku: 'sku-keyboard', available: 5 },
          { sku: 'sku-mouse', available: 1 },
        ],
      },
    }));
    aws.ddb.on(PutCommand).resolves({});
    const handler = createTaskHandler(taskDeps());

    // Act
    const output = await handler(taskInput('ReserveStock', 'order-placed'));

    // Assess
    expect(output.event).toMatchObject({
      detailType: 'StockReservationFailed',
      detail: { data: { reason: 'OUT_OF_STOCK', unavailable: [{ sku: 'sku-mouse', requested: 2, available: 1 }] } },
    });
  });

  it('releases the reservation on ReleaseStock and returns StockReleased', async () => {
    // Prepare
    aws.ddb.on(GetCommand).resolvesOnce({});
    aws.ddb.on(TransactWriteCommand).resolves({});
    const handler = createTaskHandler(taskDeps());
    await handler(taskInput('ReserveStock', 'order-placed'));
    aws.ddb.on(GetCommand).resolves({ Item: recordWritten(aws, 'transaction') });

    // Act
    const output = await handler(taskInput('ReleaseStock', 'payment-failed'));

    // Assess
    expect(output.event).toMatchObject({ detailType: 'StockReleased', detail: { data: { reason: 'PAYMENT_FAILED' } } });
    expect(aws.ddb.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });
});
