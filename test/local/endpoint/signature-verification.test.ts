import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsCli } from '../../support/aws-cli';
import { startEndpointHarness, type EndpointHarness } from './endpoint-harness';

const SECRETS: Record<string, string> = { 'local-developer': 'developer-secret', LOCAL_orders: 'orders-secret' };

// Sources: AWS Signature Version 4 (IAM user guide, "Create a signed AWS API request"); the
// error codes are those AWS's JSON services answer for a missing, unknown or wrong signature.
describe('the endpoint with --verify-signatures', () => {
  let harness: EndpointHarness;
  beforeAll(async () => {
    harness = await startEndpointHarness({ secretAccessKeyOf: (key) => SECRETS[key] });
  });
  afterAll(() => harness.stop());

  const client = (accessKeyId: string, secretAccessKey: string) =>
    new SQSClient({
      endpoint: harness.url,
      region: 'us-east-1',
      credentials: { accessKeyId, secretAccessKey },
      maxAttempts: 1,
    });

  it('serves SDK calls signed with a known key and its secret', async () => {
    await expect(client('local-developer', 'developer-secret').send(new ListQueuesCommand({}))).resolves.toBeDefined();
    const events = new EventBridgeClient({
      endpoint: harness.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'LOCAL_orders', secretAccessKey: 'orders-secret' },
      maxAttempts: 1,
    });
    await expect(events.send(new ListEventBusesCommand({}))).resolves.toMatchObject({ EventBuses: expect.any(Array) });
  });

  it('refuses a call signed with the wrong secret with InvalidSignatureException', async () => {
    await expect(client('local-developer', 'guessed').send(new ListQueuesCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses a function key signed with another secret, so a caller cannot pose as a function', async () => {
    await expect(client('LOCAL_orders', 'developer-secret').send(new ListQueuesCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    await expect(client('stranger', 'x').send(new ListQueuesCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });

  it('refuses an unsigned call with MissingAuthenticationTokenException', async () => {
    const answer = await harness.call('AmazonSQS.ListQueues', '{}', { 'content-type': 'application/x-amz-json-1.0' });
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });

  it('refuses a signed body that was changed on the way', async () => {
    // GIVEN a request signed for one body
    const signer = client('local-developer', 'developer-secret');
    let captured: { headers: Record<string, string> } | undefined;
    signer.middlewareStack.add(
      (next) => async (args) => {
        captured = args.request as { headers: Record<string, string> };
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    await signer.send(new ListQueuesCommand({ QueueNamePrefix: 'a' }));

    // WHEN the same signature is sent with another body
    const answer = await harness.call('AmazonSQS.ListQueues', '{"QueueNamePrefix":"b"}', captured!.headers);

    // THEN the signature no longer holds
    expect(answer.json).toMatchObject({ __type: 'InvalidSignatureException' });
  });

  it('serves the aws CLI v1 signing with the configured credentials', async () => {
    const listed = await awsCli(harness.url, ['events', 'list-event-buses'], {
      accessKeyId: 'local-developer',
      secretAccessKey: 'developer-secret',
    });
    expect(listed).toMatchObject({ EventBuses: expect.any(Array) });
  });
});
