import { createTaskHandler } from '../../../functions/orders/task';
import { envelopeFixture, mockAwsInEachTest, taskDeps, taskInput, withData } from './task-builders';

mockAwsInEachTest();

describe('task input checks', () => {
  it('rejects an unknown action with InvalidTaskInputError, quoting it', async () => {
    // Prepare
    const handler = createTaskHandler(taskDeps());

    // Act
    const result = handler(taskInput('ShipEverything', 'order-placed'));

    // Assess
    await expect(result).rejects.toMatchObject({
      name: 'InvalidTaskInputError',
      retryable: false,
      message: expect.stringContaining("'ShipEverything'"),
    });
  });

  it('rejects an event the action does not take', async () => {
    // Prepare
    const handler = createTaskHandler(taskDeps());

    // Act
    const result = handler(taskInput('RecordOrder', 'shipment-scheduled'));

    // Assess
    await expect(result).rejects.toMatchObject({
      name: 'InvalidTaskInputError',
      message: expect.stringContaining("'ShipmentScheduled'"),
    });
  });

  it('rejects a detail that does not match its contract', async () => {
    // Prepare
    const handler = createTaskHandler(taskDeps());
    const invalid = withData(envelopeFixture('order-placed'), { currency: 'euro' });

    // Act
    const result = handler(taskInput('RecordOrder', invalid));

    // Assess
    await expect(result).rejects.toMatchObject({
      name: 'InvalidTaskInputError',
      message: expect.stringContaining('currency'),
    });
  });

  it('rejects an input without an event', async () => {
    // Prepare
    const handler = createTaskHandler(taskDeps());

    // Act
    const result = handler({ action: 'RecordOrder' });

    // Assess
    await expect(result).rejects.toMatchObject({ name: 'InvalidTaskInputError' });
  });

  it('fails with the configuration error when TABLE_NAME is missing', () => {
    // Prepare
    const deps = taskDeps({ env: {} });

    // Act
    const build = () => createTaskHandler(deps);

    // Assess
    expect(build).toThrow(/'TABLE_NAME'/);
  });
});
