import { useAppCloud } from './support/app-under-test';

describe('pipe-to-bus (README check)', () => {
  const app = useAppCloud('pipe-to-bus');

  it('turns PAID orders into OrderPaid events on the bus, which the rule sends to the audit queue', async () => {
    expect(app.cloud.pipes.problems).toEqual([]);
    await app.sendTo(
      'SourceQueueUrl',
      '{"orderId":"o-2","status":"OPEN"}',
      '{"orderId":"o-1","amount":25,"status":"PAID"}',
    );
    const [message] = (await app.receiveFrom('AuditQueueUrl')) ?? [];
    expect(JSON.parse(message?.Body ?? '{}')).toMatchObject({
      source: 'acme.pipe',
      'detail-type': 'OrderPaid',
      detail: { orderId: 'o-1', amount: 25, pipe: expect.any(String) },
    });
    // The OPEN order was filtered out: nothing else arrives.
    expect(await app.receiveFrom('AuditQueueUrl', { withinWallMs: 1500 })).toBeUndefined();
  });
});
