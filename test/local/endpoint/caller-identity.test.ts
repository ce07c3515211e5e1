import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { accessKeyIdForFunction, parseCallerIdentity } from '../../../lib/local/endpoint';
import { startEndpointHarness, type EndpointHarness } from './endpoint-harness';

describe('caller identity', () => {
  it('names the function whose access key id signed the call', () => {
    // Prepare
    const accessKeyId = accessKeyIdForFunction('Choreography-Orders-Handler');

    // Act
    const identity = parseCallerIdentity({
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260131/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=abc`,
    });

    // Assess
    expect(identity).toEqual({ accessKeyId, principal: 'Choreography-Orders-Handler' });
  });

  it('calls any other signer, or an unsigned call, the client', () => {
    expect(
      parseCallerIdentity({
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260131/us-east-1/sqs/aws4_request',
      }),
    ).toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      principal: 'client',
    });
    expect(parseCallerIdentity({})).toEqual({ accessKeyId: '', principal: 'client' });
  });

  describe('through the endpoint', () => {
    let harness: EndpointHarness;

    beforeEach(async () => {
      harness = await startEndpointHarness();
    });

    afterEach(() => harness.stop());

    it('records the calling function as the sender of a message', async () => {
      // Prepare
      harness.sqs.createQueue('payments');
      const client = new SQSClient({
        endpoint: harness.url,
        region: 'us-east-1',
        credentials: { accessKeyId: accessKeyIdForFunction('payments-handler'), secretAccessKey: 'local' },
      });

      // Act
      await client.send(new SendMessageCommand({ QueueUrl: harness.sqs.queueUrl('payments'), MessageBody: '{}' }));
      client.destroy();

      // Assess
      expect(harness.trace.events('message.sent')).toEqual([
        expect.objectContaining({ queue: 'payments', sender: 'payments-handler' }),
      ]);
    });

    it('hands DynamoDB calls to the DynamoDB service with the caller', async () => {
      // Act
      const response = await harness.call('DynamoDB_20120810.ListTables', '{}', {
        authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyIdForFunction('orders-handler')}/20260131/us-east-1/dynamodb/aws4_request`,
      });

      // Assess
      expect(response.json).toEqual({ TableNames: [] });
      expect(harness.dynamoRequests[0]).toMatchObject({
        target: 'DynamoDB_20120810.ListTables',
        caller: { principal: 'orders-handler' },
      });
      expect(harness.dynamoRequests[0]?.body.toString()).toBe('{}');
    });
  });
});
