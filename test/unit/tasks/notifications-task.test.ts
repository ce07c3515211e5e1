import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTaskHandler } from '../../../functions/notifications/task';
import { dynamoError, mockAwsInEachTest, taskDeps, taskInput } from './task-builders';

const aws = mockAwsInEachTest();

describe('notifications task', () => {
  it('records the notification on Notify and returns no event', async () => {
    // Prepare
    aws.ddb.on(PutCommand).resolves({});
    const handler = createTaskHandler(taskDeps());

    // Act
    const output = await handler(taskInput('Notify', 'order-cancelled'));

    // Assess
    expect(output).toEqual({ action: 'Notify', outcome: 'applied' });
    expect(aws.ddb).toHaveReceivedCommandWith(PutCommand, {
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: expect.objectContaining({ pk: 'NOTIFICATION#ord-1003', outcome: 'CANCELLED' }),
    });
  });

  it('notifies once: a second Notify for the order is a duplicate', async () => {
    // Prepare
    aws.ddb.on(PutCommand).resolvesOnce({}).rejects(dynamoError('ConditionalCheckFailedException'));
    const handler = createTaskHandler(taskDeps());
    await handler(taskInput('Notify', 'order-confirmed'));
    aws.ddb.on(GetCommand).resolves({ Item: aws.ddb.commandCalls(PutCommand)[0]?.args[0].input.Item });

    // Act
    const second = await handler(taskInput('Notify', 'order-confirmed'));

    // Assess
    expect(second).toEqual({ action: 'Notify', outcome: 'duplicate' });
  });

  it('throws TransientTaskError when the notification cannot be recorded', async () => {
    // Prepare
    aws.ddb.on(PutCommand).rejects(dynamoError('ThrottlingException'));
    const handler = createTaskHandler(taskDeps());

    // Act
    const result = handler(taskInput('Notify', 'order-confirmed'));

    // Assess
    await expect(result).rejects.toMatchObject({ name: 'TransientTaskError' });
  });
});
