import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSServiceException,
} from '@aws-sdk/client-sqs';
import { startSqsHarness, type SqsHarness } from './sqs-harness';

async function errorOf(promise: Promise<unknown>): Promise<SQSServiceException & { Code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as SQSServiceException & { Code?: string };
  }
  throw new Error('expected the call to fail');
}

describe('local SQS errors', () => {
  let harness: SqsHarness;
  let queueUrl: string;

  beforeEach(async () => {
    harness = await startSqsHarness();
    ({ QueueUrl: queueUrl = '' } = await harness.client.send(new CreateQueueCommand({ QueueName: 'orders' })));
  });

  afterEach(() => harness.stop());

  it('answers QueueDoesNotExist with the query error code for an unknown queue', async () => {
    // Act
    const error = await errorOf(
      harness.client.send(new SendMessageCommand({ QueueUrl: `${harness.url}/000000000000/nope`, MessageBody: 'x' })),
    );

    // Assess
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect(error.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe('The specified queue does not exist.');
  });

  it('refuses more than 10 messages per receive', async () => {
    const error = await errorOf(
      harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 11 })),
    );
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('refuses a batch of more than 10 entries', async () => {
    // Prepare
    const entries = Array.from({ length: 11 }, (_, index) => ({ Id: `m${index}`, MessageBody: 'x' }));

    // Act
    const error = await errorOf(
      harness.client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries })),
    );

    // Assess
    expect(error.name).toBe('TooManyEntriesInBatchRequest');
  });

  it('refuses a batch with repeated entry ids', async () => {
    const entries = [
      { Id: 'same', MessageBody: 'a' },
      { Id: 'same', MessageBody: 'b' },
    ];
    const error = await errorOf(
      harness.client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries })),
    );
    expect(error.name).toBe('BatchEntryIdsNotDistinct');
  });

  it('refuses a receipt handle the queue never issued', async () => {
    const error = await errorOf(
      harness.client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'forged' })),
    );
    expect(error.name).toBe('ReceiptHandleIsInvalid');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  // AWS behaviour (issue 14, differential run against AWS): the latest handle of a standard-queue
  // message still changes its visibility after the timeout passed; the message hides again.
  it('changes the visibility of a standard-queue message whose visibility timeout already passed', async () => {
    // Prepare
    await harness.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }));
    const received = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const receiptHandle = received.Messages?.[0]?.ReceiptHandle;
    await harness.client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: 0 }),
    );

    // Act
    await harness.client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: 10 }),
    );
    const hidden = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(hidden.Messages).toBeUndefined();
  });

  // localstack AWS-validated snapshot test_change_visibility_on_deleted_message_raises_invalid_parameter_value.
  it('refuses to change the visibility of a deleted message with InvalidParameterValue', async () => {
    // Prepare
    await harness.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }));
    const received = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const receiptHandle = received.Messages?.[0]?.ReceiptHandle ?? '';
    await harness.client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }));

    // Act
    const error = await errorOf(
      harness.client.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: 10 }),
      ),
    );

    // Assess
    expect(error.name).toBe('InvalidParameterValue');
    expect(error.message).toBe(
      `Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    );
  });

  it('refuses a message body with characters SQS does not allow', async () => {
    const error = await errorOf(
      harness.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'bell \u0007' })),
    );
    expect(error.name).toBe('InvalidMessageContents');
  });

  it('refuses to create an existing queue with different attributes', async () => {
    const error = await errorOf(
      harness.client.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '99' } })),
    );
    expect(error.name).toBe('QueueNameExists');
  });

  it('refuses a redrive policy without a dead-letter target', async () => {
    const error = await errorOf(
      harness.client.send(
        new CreateQueueCommand({ QueueName: 'broken', Attributes: { RedrivePolicy: '{"maxReceiveCount":3}' } }),
      ),
    );
    expect(error.name).toBe('InvalidAttributeValue');
  });
});
