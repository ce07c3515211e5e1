import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { awsSleep, startSqsHarness, type SqsHarness } from './sqs-harness';

describe('local SQS redrive', () => {
  let harness: SqsHarness;
  let queueUrl: string;
  let dlqUrl: string;
  let dlqArn: string;

  beforeEach(async () => {
    harness = await startSqsHarness();
    ({ QueueUrl: dlqUrl = '' } = await harness.client.send(new CreateQueueCommand({ QueueName: 'orders-dlq' })));
    const attributes = await harness.client.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
    );
    dlqArn = attributes.Attributes?.QueueArn ?? '';
    ({ QueueUrl: queueUrl = '' } = await harness.client.send(
      new CreateQueueCommand({
        QueueName: 'orders',
        Attributes: {
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
        },
      }),
    ));
  });

  afterEach(() => harness.stop());

  async function receiveAndForget(url: string): Promise<number> {
    const received = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: url }));
    await awsSleep(harness, 1_100);
    return received.Messages?.length ?? 0;
  }

  it('moves a message to the dead-letter queue once it was received maxReceiveCount times', async () => {
    // Prepare
    const sent = await harness.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'poison' }));
    const receives = [await receiveAndForget(queueUrl), await receiveAndForget(queueUrl)];

    // Act
    const third = await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const dead = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['All'] }),
    );

    // Assess
    expect(receives).toEqual([1, 1]);
    expect(third.Messages).toBeUndefined();
    expect(dead.Messages?.[0]?.MessageId).toBe(sent.MessageId);
    expect(dead.Messages?.[0]?.Attributes?.DeadLetterQueueSourceArn).toBe('arn:aws:sqs:us-east-1:000000000000:orders');
    expect(harness.trace.events('message.dead-lettered')).toEqual([
      expect.objectContaining({
        queue: 'orders',
        deadLetterQueue: 'orders-dlq',
        receiveCount: 2,
        messageId: sent.MessageId,
      }),
    ]);
  });

  it('moves dead-lettered messages back to their source queue with StartMessageMoveTask', async () => {
    // Prepare
    await harness.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'poison' }));
    await receiveAndForget(queueUrl);
    await receiveAndForget(queueUrl);
    await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(harness.sqs.deadLetterContents()['orders-dlq']).toHaveLength(1);

    // Act
    const started = await harness.client.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    await harness.sqs.listMessageMoveTasks(dlqArn)[0]?.done;
    const tasks = await harness.client.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    const back = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['All'] }),
    );

    // Assess
    expect(started.TaskHandle).toEqual(expect.any(String));
    expect(tasks.Results?.[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1 });
    expect(back.Messages?.[0]?.Body).toBe('poison');
    expect(back.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(back.Messages?.[0]?.Attributes?.DeadLetterQueueSourceArn).toBeUndefined();
    expect(harness.sqs.deadLetterContents()).toEqual({});
    expect(harness.trace.events('message.redriven')).toHaveLength(1);
  });

  it('reports only the non-DLQ queues when deciding whether the queues are drained', async () => {
    // Prepare
    await harness.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'poison' }));
    const busy = harness.sqs.drained();
    await receiveAndForget(queueUrl);
    await receiveAndForget(queueUrl);

    // Act
    await harness.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(busy).toBe(false);
    expect(harness.sqs.drained()).toBe(true);
    expect(harness.sqs.stats()).toEqual([
      expect.objectContaining({ name: 'orders-dlq', isDeadLetterQueue: true, visible: 1 }),
      expect.objectContaining({ name: 'orders', isDeadLetterQueue: false, visible: 0, inFlight: 0, delayed: 0 }),
    ]);
  });
});
