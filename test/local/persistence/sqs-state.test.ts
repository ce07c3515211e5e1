import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { ScaledClock } from '../../../lib/local/clock';
import { startSqsHarness } from '../sqs/sqs-harness';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';
import { startOnStore, whileRunning } from './durable-services';

/** SQS behind the endpoint, its state under `dataDirectory`, as the local cloud composes them. */
function startDurableSqs(dataDirectory: string) {
  return startOnStore(dataDirectory, async (persistence) => {
    const startAt = persistence.clockStart();
    const clock = new ScaledClock({ timeScale: 100, ...(startAt !== undefined ? { startAt } : {}) });
    persistence.keepClock(clock);
    const harness = await startSqsHarness(clock, {
      journal: persistence.sqs,
      beforeAnswer: () => persistence.commit(),
    });
    const restored = (await persistence.sqs?.restore(harness.sqs)) ?? 0;
    return { services: { ...harness, restored }, close: () => harness.stop() };
  });
}

/** Receives the first message of the queue and deletes it, as a consumer that handled it does. */
async function receiveAndDelete(client: SQSClient, QueueUrl: string | undefined): Promise<void> {
  const received = await client.send(new ReceiveMessageCommand({ QueueUrl }));
  await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: received.Messages?.[0]?.ReceiptHandle }));
}

describe('SQS state under --data', () => {
  const dataDirectory = temporaryDirectoryForEachTest('sqs-state-');

  it('keeps queues created through the API, their messages in order, receive counts, receipt handles and in-flight visibility across a restart', async () => {
    // GIVEN a queue with three messages, one of them received (in flight for an AWS hour)
    const first = await startDurableSqs(dataDirectory());
    const { QueueUrl } = await first.client.send(
      new CreateQueueCommand({ QueueName: 'durable', Attributes: { VisibilityTimeout: '3600' } }),
    );
    for (const body of ['one', 'two', 'three']) {
      await first.client.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    }
    const received = await first.client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1 }));
    expect(received.Messages?.[0]?.Body).toBe('one');
    const stoppedAt = first.clock.now();
    await first.stop();

    // WHEN the local cloud starts again on the same directory
    await whileRunning(startDurableSqs(dataDirectory()), async (second) => {
      // THEN the queue and its messages are back, the received one still invisible
      expect(second.restored).toBe(3);
      expect(second.clock.now()).toBeGreaterThanOrEqual(stoppedAt);
      const url = second.sqs.queueUrl('durable');
      const attributes = await second.client.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
      );
      expect(attributes.Attributes).toMatchObject({
        VisibilityTimeout: '3600',
        ApproximateNumberOfMessages: '2',
        ApproximateNumberOfMessagesNotVisible: '1',
      });
      const next = await second.client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
      expect(next.Messages?.map((message) => message.Body)).toEqual(['two', 'three']);
      // and the receipt handle given before the restart still works (SQS: the latest handle)
      await second.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: received.Messages?.[0]?.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
      const again = await second.client.send(
        new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
      );
      expect(again.Messages?.[0]?.Body).toBe('one');
      expect(again.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
    });
  });

  it('forgets a message deleted before the restart', async () => {
    const first = await startDurableSqs(dataDirectory());
    const { QueueUrl } = await first.client.send(new CreateQueueCommand({ QueueName: 'deleted' }));
    await first.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'gone' }));
    await first.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'kept' }));
    await receiveAndDelete(first.client, QueueUrl);
    await first.stop();

    await whileRunning(startDurableSqs(dataDirectory()), async (second) => {
      expect(second.restored).toBe(1);
      const again = await second.client.send(
        new ReceiveMessageCommand({ QueueUrl: second.sqs.queueUrl('deleted'), MaxNumberOfMessages: 10 }),
      );
      expect(again.Messages?.map((message) => message.Body)).toEqual(['kept']);
    });
  });

  it('still refuses a FIFO message whose deduplication id was seen less than five minutes before a restart', async () => {
    // SQS Developer Guide, "Exactly-once processing": a deduplication id is remembered for 5 minutes.
    const first = await startDurableSqs(dataDirectory());
    const { QueueUrl } = await first.client.send(
      new CreateQueueCommand({ QueueName: 'orders.fifo', Attributes: { FifoQueue: 'true' } }),
    );
    const sent = await first.client.send(
      new SendMessageCommand({ QueueUrl, MessageBody: 'once', MessageGroupId: 'g', MessageDeduplicationId: 'same' }),
    );
    await receiveAndDelete(first.client, QueueUrl);
    await first.stop();

    await whileRunning(startDurableSqs(dataDirectory()), async (second) => {
      const url = second.sqs.queueUrl('orders.fifo');
      await second.client.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: 'twice',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'same',
        }),
      );
      const other = await second.client.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: 'new',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'other',
        }),
      );
      const next = await second.client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
      expect(next.Messages?.map((message) => message.Body)).toEqual(['new']);
      // and sequence numbers go on growing (SendMessage reference: SequenceNumber)
      expect(BigInt(other.SequenceNumber ?? '0')).toBeGreaterThan(BigInt(sent.SequenceNumber ?? '0'));
    });
  });

  it('takes up a message move task after a restart, moving every message once', async () => {
    // GIVEN a dead-letter queue of ten messages and a task moving one a second (StartMessageMoveTask)
    const first = await startDurableSqs(dataDirectory());
    const { QueueUrl: dlqUrl } = await first.client.send(new CreateQueueCommand({ QueueName: 'dlq' }));
    const dlqArn = first.sqs.getQueue('dlq').arn;
    const { QueueUrl: sourceUrl } = await first.client.send(
      new CreateQueueCommand({
        QueueName: 'source',
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) },
      }),
    );
    for (let index = 0; index < 10; index++) {
      await first.client.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: `m${index}` }));
    }
    await first.client.send(
      new StartMessageMoveTaskCommand({
        SourceArn: dlqArn,
        DestinationArn: first.sqs.getQueue('source').arn,
        MaxNumberOfMessagesPerSecond: 1,
      }),
    );
    const [started] = (await first.client.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }))).Results ?? [];
    await first.stop();

    // WHEN it starts again
    await whileRunning(startDurableSqs(dataDirectory()), async (second) => {
      // THEN the same task is listed and ends COMPLETED, each message moved once
      const deadline = Date.now() + 5000;
      let task;
      do {
        await new Promise((resolve) => setTimeout(resolve, 20));
        task = (await second.client.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }))).Results?.[0];
      } while (task?.Status === 'RUNNING' && Date.now() < deadline);
      expect(task).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 10 });
      // (ListMessageMoveTasks gives the TaskHandle of a running task only: its start time shows it is the same task)
      expect(started?.Status).toBe('RUNNING');
      expect(task?.StartedTimestamp).toBe(started?.StartedTimestamp);
      const attributes = async (url: string | undefined) =>
        (await second.client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })))
          .Attributes;
      expect((await attributes(sourceUrl))?.ApproximateNumberOfMessages).toBe('10');
      expect((await attributes(dlqUrl))?.ApproximateNumberOfMessages).toBe('0');
    });
  });
});
