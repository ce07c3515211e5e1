import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, eventually, stackOutput, startAppCloud } from './support/app-cloud';

describe('dlq-after-failures (README check)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startAppCloud('dlq-after-failures', { timeScale: 100 });
  });
  afterAll(() => cloud.stop());

  it('moves a message the function keeps failing on to the poison queue after two receives', async () => {
    const sqs = new SQSClient(clientConfig(cloud));
    await sqs.send(
      new SendMessageCommand({ QueueUrl: stackOutput(cloud, 'JobsQueueUrl'), MessageBody: '{"poison":true}' }),
    );
    const dead = await eventually(async () => {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: stackOutput(cloud, 'PoisonQueueUrl'),
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      return Messages?.[0];
    }, 20_000);
    expect(dead?.Body).toBe('{"poison":true}');
    expect(Number(dead?.Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(2);
    sqs.destroy();
  });
});
