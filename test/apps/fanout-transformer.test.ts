import { useAppCloud } from './support/app-under-test';

describe('fanout-transformer (README check)', () => {
  const app = useAppCloud('fanout-transformer');

  it('sends the event to Tracking and the rewritten notice to Notifications', async () => {
    await app.publish({
      Source: 'acme.shipping',
      DetailType: 'ShipmentDelivered',
      Detail: '{"parcelId":"p-9","express":true}',
      EventBusName: 'shipments',
    });
    const [tracked] = (await app.receiveFrom('TrackingQueueUrl')) ?? [];
    expect(JSON.parse(tracked?.Body ?? '{}').detail).toEqual({ parcelId: 'p-9', express: true });
    const [noticeMessage] = (await app.receiveFrom('NotificationsQueueUrl')) ?? [];
    const notice = JSON.parse(noticeMessage?.Body ?? '{}') as { text?: string; at?: string };
    expect(notice.text).toBe('Parcel p-9 was delivered');
    expect(notice.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
