import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { ScaledClock } from '../../../lib/local/clock';
import { LocalPersistence } from '../../../lib/local/persistence';
import { startSqsHarness } from '../sqs/sqs-harness';

/** SQS behind the endpoint, its state under `dataDirectory`, as the local cloud composes them. */
async function startDurableSqs(dataDirectory: string) {
  const persistence = await LocalPersistence.open({ dataDirectory });
  const startAt = persistence.clockStart();
  const clock = new ScaledClock({ timeScale: 100, ...(startAt !== undefined ? { startAt } : {}) });
  persistence.keepClock(clock);
  const harness = await startSqsHarness(clock, {
    journal: persistence.sqs,
    beforeAnswer: () => persistence.commit(),
  });
  const restored = (await persistence.sqs?.restore(harness.sqs)) ?? 0;
  return {
    ...harness,
    restored,
    async stop() {
      await harness.stop();
      await persistence.close();
    },
  };
}

describe('SQS state under --data', () => {
  let dataDirectory: string;
  beforeEach(() => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'sqs-state-'));
  });
  afterEach(() => rmSync(dataDirectory, { recursive: true, force: true }));

  it('keeps queues created through the API, their messages in order, receive counts, receipt handles and in-flight visibility across a restart', async () => {
    // GIVEN a queue with three messages, one of them received (in flight for an AWS hour)
    const first = await startDurableSqs(dataDirectory);
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
    const second = await startDurableSqs(dataDirectory);
    try {
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
    } finally {
      await second.stop();
    }
  });

  it('forgets a message deleted before the restart', async () => {
    const first = await startDurableSqs(dataDirectory);
    const { QueueUrl } = await first.client.send(new CreateQueueCommand({ QueueName: 'deleted' }));
    await first.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'gone' }));
    await first.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'kept' }));
    const received = await first.client.send(new ReceiveMessageCommand({ QueueUrl }));
    await first.client.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: received.Messages?.[0]?.ReceiptHandle }),
    );
    await first.stop();

    const second = await startDurableSqs(dataDirectory);
    try {
      expect(second.restored).toBe(1);
      const again = await second.client.send(
        new ReceiveMessageCommand({ QueueUrl: second.sqs.queueUrl('deleted'), MaxNumberOfMessages: 10 }),
      );
      expect(again.Messages?.map((message) => message.Body)).toEqual(['kept']);
    } finally {
      await second.stop();
    }
  });
});
