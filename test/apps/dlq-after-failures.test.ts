import { useAppCloud } from './support/app-under-test';

describe('dlq-after-failures (README check)', () => {
  const app = useAppCloud('dlq-after-failures', { timeScale: 100 });

  it('moves a message the function keeps failing on to the poison queue after two receives', async () => {
    await app.sendTo('JobsQueueUrl', '{"poison":true}');
    const [dead] =
      (await app.receiveFrom('PoisonQueueUrl', {
        withinWallMs: 20_000,
        systemAttributes: ['ApproximateReceiveCount'],
      })) ?? [];
    expect(dead?.Body).toBe('{"poison":true}');
    expect(Number(dead?.Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(2);
  });
});
