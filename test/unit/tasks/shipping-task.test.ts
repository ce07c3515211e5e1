import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTaskHandler } from '../../../functions/shipping/task';
import { dynamoError, mockAwsInEachTest, taskDeps, taskInput } from './task-builders';

const aws = mockAwsInEachTest();

describe('shipping task', () => {
  it('schedules the shipment on ScheduleShipment and returns ShipmentScheduled', async () => {
    // Prepare
    aws.ddb.on(GetCommand).resolves({});
    aws.ddb.on(PutCommand).resolves({});
    const handler = createTaskHandler(taskDeps());

    // Act
    const output = await handler(taskInput('ScheduleShipment', 'payment-completed'));

    // Assess
    expect(output).toMatchObject({
      outcome: 'applied',
      event: { detailType: 'ShipmentScheduled', detail: { data: { orderId: 'ord-1001' } } },
    });
  });

  it('schedules once and returns the same ShipmentScheduled when ScheduleShipment runs twice', async () => {
    // Prepare
    aws.ddb.on(GetCommand).resolvesOnce({});
    aws.ddb.on(PutCommand).resolves({});
    const handler = createTaskHandler(taskDeps());
    const first = await handler(taskInput('ScheduleShipment', 'payment-completed'));
    aws.ddb.on(GetCommand).resolves({ Item: aws.ddb.commandCalls(PutCommand)[0]?.args[0].input.Item });

    // Act
    const second = await handler(taskInput('ScheduleShipment', 'payment-completed'));

    // Assess
    expect(second).toEqual({ ...first, outcome: 'duplicate' });
    expect(aws.ddb.commandCalls(PutCommand)).toHaveLength(1);
  });

  it('throws TransientTaskError when the table is unavailable', async () => {
    // Prepare
    aws.ddb.on(GetCommand).rejects(dynamoError('ServiceUnavailable'));
    const handler = createTaskHandler(taskDeps());

    // Act
    const result = handler(taskInput('ScheduleShipment', 'payment-completed'));

    // Assess
    await expect(result).rejects.toMatchObject({ name: 'TransientTaskError' });
  });
});
