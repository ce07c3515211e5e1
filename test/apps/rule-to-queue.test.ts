import { useAppCloud } from './support/app-under-test';

describe('rule-to-queue (README check)', () => {
  const app = useAppCloud('rule-to-queue');

  it('delivers a UserSignedUp event from the signups bus to the Welcome queue, and nothing else', async () => {
    await app.publish(
      { Source: 'acme.accounts', DetailType: 'UserDeleted', Detail: '{"userId":"u-0"}', EventBusName: 'signups' },
      { Source: 'acme.accounts', DetailType: 'UserSignedUp', Detail: '{"userId":"u-1"}', EventBusName: 'signups' },
    );
    const messages = await app.receiveFrom('QueueUrl');
    expect(messages?.map((message) => JSON.parse(message.Body ?? '{}').detail)).toEqual([{ userId: 'u-1' }]);
  });
});
