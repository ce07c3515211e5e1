import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, eventually, stackOutput, startAppCloud } from './support/app-cloud';

describe('fanout-transformer (README check)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startAppCloud('fanout-transformer');
  });
  afterAll(() => cloud.stop());

  it('sends the event to Tracking and the rewritten notice to Notifications', async () => {
    const events = new EventBridgeClient(clientConfig(cloud));
    const sqs = new SQSClient(clientConfig(cloud));
    await events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'acme.shipping',
            DetailType: 'ShipmentDelivered',
            Detail: '{"parcelId":"p-9","express":true}',
            EventBusName: 'shipments',
          },
        ],
      }),
    );
    const receive = (output: string) =>
      eventually(async () => {
        const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: stackOutput(cloud, output) }));
        return Messages?.[0];
      });
    expect(JSON.parse((await receive('TrackingQueueUrl'))?.Body ?? '{}').detail).toEqual({
      parcelId: 'p-9',
      express: true,
    });
    const notice = JSON.parse((await receive('NotificationsQueueUrl'))?.Body ?? '{}') as { text?: string; at?: string };
    expect(notice.text).toBe('Parcel p-9 was delivered');
    expect(notice.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    events.destroy();
    sqs.destroy();
  });
});
