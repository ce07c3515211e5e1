import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, eventually, stackOutput, startAppCloud } from './support/app-cloud';

describe('bus-state-machine-queue (README check; needs the Step Functions sqs:sendMessage integration)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startAppCloud('bus-state-machine-queue');
  });
  afterAll(() => cloud.stop());

  it('sends a refund request to the queue for a ReturnReceived event', async () => {
    const events = new EventBridgeClient(clientConfig(cloud));
    const sqs = new SQSClient(clientConfig(cloud));
    await events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'acme.returns',
            DetailType: 'ReturnReceived',
            Detail: '{"returnId":"r-7"}',
            EventBusName: 'returns',
          },
        ],
      }),
    );
    const message = await eventually(async () => {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: stackOutput(cloud, 'RefundsQueueUrl') }),
      );
      return Messages?.[0];
    });
    expect(JSON.parse(message?.Body ?? '{}')).toEqual({ returnId: 'r-7', action: 'refund' });
    events.destroy();
    sqs.destroy();
  });
});
