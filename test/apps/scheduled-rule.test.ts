import { useAppCloud } from './support/app-under-test';

describe('scheduled-rule (README check; issue 11 acceptance: rate(5 minutes) under --time-scale 60 within 10 wall seconds)', () => {
  const app = useAppCloud('scheduled-rule', { timeScale: 60 });

  it("delivers AWS's Scheduled Event to the queue within 10 wall seconds", async () => {
    const started = Date.now();
    const [message] = (await app.receiveFrom('QueueUrl', { withinWallMs: 10_000 })) ?? [];
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(JSON.parse(message?.Body ?? '{}')).toMatchObject({
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      resources: [app.cloud.model.rules[0]?.arn],
      detail: {},
    });
  });
});
