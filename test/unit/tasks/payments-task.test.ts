import { createTaskHandler } from '../../../functions/payments/task';
import { arrangeCustomer, mockAwsInEachTest, taskDeps, taskInput } from './task-builders';

const aws = mockAwsInEachTest();

describe('payments task', () => {
  it('returns PaymentFailed as data, not as an error, when the amount is over the credit limit', async () => {
    // Prepare
    arrangeCustomer(aws, 100);
    const handler = createTaskHandler(taskDeps());

    // Act
    const output = await handler(taskInput('ProcessPayment', 'stock-reserved'));

    // Assess
    expect(output.event).toMatchObject({ detailType: 'PaymentFailed', detail: { data: { reason: 'LIMIT_EXCEEDED' } } });
  });
});
