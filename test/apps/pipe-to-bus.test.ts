import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, eventually, stackOutput, startAppCloud } from './support/app-cloud';

describe('pipe-to-bus (README check)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startAppCloud('pipe-to-bus');
  });
  afterAll(() => cloud.stop());

  it('turns PAID orders into OrderPaid events on the bus, which the rule sends to the audit queue', async () => {
    expect(cloud.pipes.problems).toEqual([]);
    const sqs = new SQSClient(clientConfig(cloud));
    const QueueUrl = stackOutput(cloud, 'SourceQueueUrl');
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"orderId":"o-2","status":"OPEN"}' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"orderId":"o-1","amount":25,"status":"PAID"}' }));
    const AuditQueueUrl = stackOutput(cloud, 'AuditQueueUrl');
    const message = await eventually(async () => {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: AuditQueueUrl, MaxNumberOfMessages: 10 }),
      );
      return Messages?.[0];
    });
    expect(JSON.parse(message?.Body ?? '{}')).toMatchObject({
      source: 'acme.pipe',
      'detail-type': 'OrderPaid',
      detail: { orderId: 'o-1', amount: 25, pipe: expect.any(String) },
    });
    // The OPEN order was filtered out: nothing else arrives.
    const more = await eventually(async () => {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: AuditQueueUrl, MaxNumberOfMessages: 10 }),
      );
      return Messages?.length ? Messages : undefined;
    }, 1500);
    expect(more).toBeUndefined();
    sqs.destroy();
  });
});
