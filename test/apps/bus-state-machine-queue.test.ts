import { useAppCloud } from './support/app-under-test';

describe('bus-state-machine-queue (README check; needs the Step Functions sqs:sendMessage integration)', () => {
  const app = useAppCloud('bus-state-machine-queue');

  it('sends a refund request to the queue for a ReturnReceived event', async () => {
    await app.publish({
      Source: 'acme.returns',
      DetailType: 'ReturnReceived',
      Detail: '{"returnId":"r-7"}',
      EventBusName: 'returns',
    });
    const [message] = (await app.receiveFrom('RefundsQueueUrl')) ?? [];
    expect(JSON.parse(message?.Body ?? '{}')).toEqual({ returnId: 'r-7', action: 'refund' });
  });
});
