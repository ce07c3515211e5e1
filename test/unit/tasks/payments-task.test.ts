import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTaskHandler } from '../../../functions/payments/task';
import { dynamoError, mockAwsInEachTest, taskDeps, taskInput } from './task-builders';

const aws = mockAwsInEachTest();

/** No charge for the order yet; the customer cus-ada may spend `creditLimit`. */
function arrangeCustomer(creditLimit: number): void {
  aws.ddb.on(GetCommand, { Key: { pk: 'CHARGE#ord-1001', sk: 'CHARGE' } }).resolves({});
  aws.ddb
    .on(GetCommand, { Key: { pk: 'CUSTOMER#cus-ada', sk: 'CUSTOMER' } })
    .resolves({ Item: { customerId: 'cus-ada', creditLimit } });
  aws.ddb.on(PutCommand).resolves({});
}

describe('payments task', () => {
  it('charges on ProcessPayment and returns PaymentCompleted', async () => {
    // Prepare
    arrangeCustomer(100_000);
    const handler = createTaskHandler(taskDeps());

    // Act
    const output = await handler(taskInput('ProcessPayment', 'stock-reserved'));

    // Assess
    expect(output).toMatchObject({
      outcome: 'applied',
      event: { detailType: 'PaymentCompleted', detail: { data: { amount: 13900 } } },
    });
  });

  it('returns PaymentFailed as data, not as an error, when the amount is over the credit limit', async () => {
    // Prepare
    arrangeCustomer(100);
    const handler = createTaskHandler(taskDeps());

    // Act
    const output = await handler(taskInput('ProcessPayment', 'stock-reserved'));

    // Assess
    expect(output.event).toMatchObject({ detailType: 'PaymentFailed', detail: { data: { reason: 'LIMIT_EXCEEDED' } } });
  });

  it('charges once and returns the same PaymentCompleted when ProcessPayment runs twice', async () => {
    // Prepare
    arrangeCustomer(100_000);
    const handler = createTaskHandler(taskDeps());
    const first = await handler(taskInput('ProcessPayment', 'stock-reserved'));
    const charge = aws.ddb.commandCalls(PutCommand)[0]?.args[0].input.Item;
    aws.ddb.on(GetCommand, { Key: { pk: 'CHARGE#ord-1001', sk: 'CHARGE' } }).resolves({ Item: charge });

    // Act
    const second = await handler(taskInput('ProcessPayment', 'stock-reserved'));

    // Assess
    expect(second).toEqual({ ...first, outcome: 'duplicate' });
    expect(aws.ddb.commandCalls(PutCommand)).toHaveLength(1);
  });

  it('throws TransientTaskError when the charge cannot be read', async () => {
    // Prepare
    aws.ddb.on(GetCommand).rejects(dynamoError('InternalServerError'));
    const handler = createTaskHandler(taskDeps());

    // Act
    const result = handler(taskInput('ProcessPayment', 'stock-reserved'));

    // Assess
    await expect(result).rejects.toMatchObject({ name: 'TransientTaskError' });
  });
});
