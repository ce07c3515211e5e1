import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { md5OfMessageAttributes } from '../../../lib/local/sqs';
import { ManualClock } from './manual-clock';
import { startSqsHarness, type SqsHarness } from './sqs-harness';

describe('local SQS through the SDK', () => {
  let harness: SqsHarness<ManualClock>;
  let queueUrl: string;

  beforeEach(async () => {
    harness = await startSqsHarness(new ManualClock());
    ({ QueueUrl: queueUrl = '' } = await harness.client.send(
      new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '10' } }),
    ));
  });

  afterEach(() => harness.stop());

  it('sends, receives and deletes a message, and traces each step', async () => {
    // Act
    const sent = await harness.client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"hello":"world"}' }),
    );
    const received = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['All'] }),
    );
    const message = received.Messages?.[0];
    await harness.client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message?.ReceiptHandle }));

    // Assess
    expect(queueUrl).toBe(`${harness.url}/000000000000/orders`);
    expect(message).toMatchObject({ MessageId: sent.MessageId, Body: '{"hello":"world"}' });
    expect(message?.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SenderId: 'test' });
    expect(harness.sqs.getQueue('orders').counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(harness.trace.events().map((event) => event.kind)).toEqual([
      'message.sent',
      'message.received',
      'message.deleted',
    ]);
  });

  it('redelivers a message with receive count + 1 once its visibility timeout passes', async () => {
    // Prepare
    await harness.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'again' }));
    const first = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const hidden = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Act
    await harness.clock.advance(10_100);
    const second = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );

    // Assess
    expect(hidden.Messages).toBeUndefined();
    expect(second.Messages?.[0]?.MessageId).toBe(first.Messages?.[0]?.MessageId);
    expect(second.Messages?.[0]?.Attributes).toEqual({ ApproximateReceiveCount: '2' });
    expect(harness.trace.events('message.returned')).toHaveLength(1);
  });

  it('does not delete a message with the receipt handle of an earlier receive', async () => {
    // Prepare
    await harness.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'slow consumer' }));
    const first = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    await harness.clock.advance(10_100);
    await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Act
    await harness.client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
    );

    // Assess
    expect(harness.sqs.getQueue('orders').counts().inFlight).toBe(1);
  });

  it('makes a message visible at once when its visibility is changed to 0', async () => {
    // Prepare
    await harness.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'retry now' }));
    const first = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Act
    await harness.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: first.Messages?.[0]?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const second = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(second.Messages?.[0]?.Body).toBe('retry now');
  });

  it('keeps a delayed message invisible until its delay passes', async () => {
    // Act
    await harness.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'later', DelaySeconds: 5 }));
    const early = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const attributes = await harness.client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }),
    );
    await harness.clock.advance(5_000);
    const late = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(early.Messages).toBeUndefined();
    expect(attributes.Attributes).toEqual({ ApproximateNumberOfMessagesDelayed: '1' });
    expect(late.Messages?.[0]?.Body).toBe('later');
  });

  it('returns a long poll as soon as a message is sent, with no AWS time passing', async () => {
    // Prepare
    const started = harness.clock.now();
    const poll = harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }));
    await harness.clock.waitForTimers(1);

    // Act
    await harness.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'wake up' }));
    const received = await poll;

    // Assess
    expect(received.Messages?.[0]?.Body).toBe('wake up');
    expect(harness.clock.now()).toBe(started);
  });

  it('returns an empty long poll once the wait time has passed', async () => {
    // Prepare
    const poll = harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 3 }));
    await harness.clock.waitForTimers(1);

    // Act
    await harness.clock.advance(3_000);
    const received = await poll;

    // Assess
    expect(received.Messages).toBeUndefined();
  });

  it('reports failed batch entries beside the successful ones', async () => {
    // Act
    const sent = await harness.client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'good', MessageBody: 'one' },
          { Id: 'bad-delay', MessageBody: 'two', DelaySeconds: 901 },
          {
            Id: 'bad-attribute',
            MessageBody: 'three',
            MessageAttributes: { empty: { DataType: 'String', StringValue: '' } },
          },
        ],
      }),
    );
    const received = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    );
    const deleted = await harness.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'ok', ReceiptHandle: received.Messages?.[0]?.ReceiptHandle },
          { Id: 'forged', ReceiptHandle: 'not-a-handle' },
        ],
      }),
    );

    // Assess
    expect(sent.Successful?.map((entry) => entry.Id)).toEqual(['good']);
    expect(sent.Failed?.map((entry) => [entry.Id, entry.Code, entry.SenderFault])).toEqual([
      ['bad-delay', 'InvalidParameterValue', true],
      ['bad-attribute', 'InvalidParameterValue', true],
    ]);
    expect(deleted.Successful).toEqual([{ Id: 'ok' }]);
    expect(deleted.Failed?.[0]).toMatchObject({ Id: 'forged', Code: 'ReceiptHandleIsInvalid' });
  });

  it('round-trips message attributes with the MD5 SQS computes', async () => {
    // Prepare
    const attributes = {
      SellerName: { DataType: 'String', StringValue: 'Example Store' },
      Quantity: { DataType: 'Number', StringValue: '3' },
      Blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([0, 1, 2, 255]) },
      Skipped: { DataType: 'String.custom', StringValue: 'not asked for' },
    };

    // Act
    const sent = await harness.client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'with attributes', MessageAttributes: attributes }),
    );
    const received = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageAttributeNames: ['SellerName', 'Quantity', 'Blob'] }),
    );
    const message = received.Messages?.[0];

    // Assess
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(message?.MessageAttributes).toEqual({
      SellerName: attributes.SellerName,
      Quantity: attributes.Quantity,
      Blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([0, 1, 2, 255]) },
    });
    expect(sent.MD5OfMessageAttributes).toBe(md5OfMessageAttributes(attributes));
    expect(message?.MD5OfMessageAttributes).toBe(
      md5OfMessageAttributes({
        SellerName: attributes.SellerName,
        Quantity: attributes.Quantity,
        Blob: attributes.Blob,
      }),
    );
  });

  it('lists queues by prefix and resolves a queue url by name', async () => {
    // Prepare
    await harness.client.send(new CreateQueueCommand({ QueueName: 'orders-dlq' }));
    await harness.client.send(new CreateQueueCommand({ QueueName: 'payments' }));

    // Act
    const listed = await harness.client.send(new ListQueuesCommand({ QueueNamePrefix: 'orders' }));
    const resolved = await harness.client.send(new GetQueueUrlCommand({ QueueName: 'payments' }));

    // Assess
    expect(listed.QueueUrls).toEqual([queueUrl, `${harness.url}/000000000000/orders-dlq`]);
    expect(resolved.QueueUrl).toBe(`${harness.url}/000000000000/payments`);
  });
});
