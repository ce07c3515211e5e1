import { awsCli } from '../../support/aws-cli';
import { startEndpointHarness, type EndpointHarness } from './endpoint-harness';

describe('the aws CLI v1 against the local endpoint', () => {
  let harness: EndpointHarness;

  beforeAll(async () => {
    harness = await startEndpointHarness();
  });

  afterAll(() => harness.stop());

  const aws = (...args: string[]) => awsCli(harness.url, args);

  it('puts an event with `events put-events` that `sqs receive-message` then reads from the rule queue', async () => {
    // Prepare
    const queue = harness.sqs.createQueue('cli-orders');
    harness.bridge.putRule({ name: 'cli-rule', eventPattern: { source: ['shop.storefront'] } });
    harness.bridge.putTargets(undefined, 'cli-rule', [{ Id: 'q', Arn: queue.arn }]);

    // Act
    const put = await aws(
      'events',
      'put-events',
      '--entries',
      JSON.stringify([{ Source: 'shop.storefront', DetailType: 'OrderPlaced', Detail: '{"orderId":"ord-cli"}' }]),
    );
    await harness.bridge.whenIdle();
    const received = await aws(
      'sqs',
      'receive-message',
      '--queue-url',
      harness.sqs.queueUrl('cli-orders'),
      '--attribute-names',
      'All',
    );

    // Assess
    expect(put).toMatchObject({ FailedEntryCount: 0 });
    const messages = received.Messages as { Body: string; Attributes: Record<string, string> }[];
    expect(JSON.parse(messages[0]?.Body ?? '{}')).toMatchObject({
      source: 'shop.storefront',
      detail: { orderId: 'ord-cli' },
    });
    expect(messages[0]?.Attributes.ApproximateReceiveCount).toBe('1');
  }, 60_000);

  it('reports a missing queue the way the CLI expects', async () => {
    // Act
    const failure = await aws('sqs', 'get-queue-url', '--queue-name', 'nope').catch(
      (error: { stderr: string }) => error.stderr,
    );

    // Assess
    expect(String(failure)).toContain('AWS.SimpleQueueService.NonExistentQueue');
  }, 60_000);
});
