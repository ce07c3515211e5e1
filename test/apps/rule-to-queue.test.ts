import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, eventually, stackOutput, startAppCloud } from './support/app-cloud';

describe('rule-to-queue (README check)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startAppCloud('rule-to-queue');
  });
  afterAll(() => cloud.stop());

  it('delivers a UserSignedUp event from the signups bus to the Welcome queue, and nothing else', async () => {
    const events = new EventBridgeClient(clientConfig(cloud));
    const sqs = new SQSClient(clientConfig(cloud));
    const QueueUrl = stackOutput(cloud, 'QueueUrl');
    await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'acme.accounts', DetailType: 'UserDeleted', Detail: '{"userId":"u-0"}', EventBusName: 'signups' },
          { Source: 'acme.accounts', DetailType: 'UserSignedUp', Detail: '{"userId":"u-1"}', EventBusName: 'signups' },
        ],
      }),
    );
    const messages = await eventually(async () => {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      return Messages?.length ? Messages : undefined;
    });
    expect(messages?.map((message) => JSON.parse(message.Body ?? '{}').detail)).toEqual([{ userId: 'u-1' }]);
    events.destroy();
    sqs.destroy();
  });
});
