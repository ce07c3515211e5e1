import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, eventually, stackOutput, startAppCloud } from './support/app-cloud';

describe('scheduled-rule (README check; issue 11 acceptance: rate(5 minutes) under --time-scale 60 within 10 wall seconds)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startAppCloud('scheduled-rule', { timeScale: 60 });
  });
  afterAll(() => cloud.stop());

  it("delivers AWS's Scheduled Event to the queue within 10 wall seconds", async () => {
    const sqs = new SQSClient(clientConfig(cloud));
    const QueueUrl = stackOutput(cloud, 'QueueUrl');
    const started = Date.now();
    const message = await eventually(async () => {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      return Messages?.[0];
    }, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    const rule = cloud.model.rules[0];
    expect(JSON.parse(message?.Body ?? '{}')).toMatchObject({
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      resources: [rule?.arn],
      detail: {},
    });
    sqs.destroy();
  });
});
