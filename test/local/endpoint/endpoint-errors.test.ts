import { connect } from 'node:net';
import { startEndpointHarness } from './endpoint-harness';
import { freshForEachTest } from '../../support/fresh-for-each-test';

describe('the local endpoint refusing bad requests', () => {
  const harness = freshForEachTest(() => startEndpointHarness({ maxBodyBytes: 64 * 1024 }));

  it('answers UnknownOperationException for an operation the service does not have', async () => {
    // Act
    const response = await harness.call('AWSEvents.LaunchRockets', '{}');

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(response.json).toEqual({
      __type: 'UnknownOperationException',
      message:
        "unknown operation 'AWSEvents.LaunchRockets': AWSEvents LaunchRockets is not emulated by the local cloud",
    });
  });

  it('answers UnknownOperationException for a target no service serves', async () => {
    const response = await harness.call('Kinesis_20131202.PutRecord', '{}');
    expect(response.json.__type).toBe('UnknownOperationException');
  });

  it('answers SerializationException for a body that is not JSON', async () => {
    const response = await harness.call('AWSEvents.ListEventBuses', '{"Limit": ');
    expect(response.status).toBe(400);
    expect(response.json.__type).toBe('SerializationException');
  });

  it('answers SerializationException for a body that is not UTF-8', async () => {
    const response = await harness.call(
      'AWSEvents.ListEventBuses',
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    );
    expect(response.json).toEqual({ __type: 'SerializationException', message: 'request body is not valid utf-8' });
  });

  it('answers SerializationException for JSON nested too deeply, before any service sees it', async () => {
    // Act
    const response = await harness.call('DynamoDB_20120810.ListTables', `${'['.repeat(5000)}${']'.repeat(5000)}`);

    // Assess
    expect(response.json.__type).toBe('SerializationException');
    expect(harness.dynamoRequests).toHaveLength(0);
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await harness.call(
      'AmazonSQS.ListQueues',
      JSON.stringify({ QueueNamePrefix: 'x'.repeat(100 * 1024) }),
    );
    expect(response.status).toBe(413);
    expect(response.json.__type).toBe('RequestEntityTooLargeException');
  });

  it('answers a JSON body of the wrong shape with the service validation error', async () => {
    // Act
    const events = await harness.call('AWSEvents.PutEvents', '{"Entries": "not a list"}');
    const sqs = await harness.call('AmazonSQS.SendMessage', '{"QueueUrl": 42}');

    // Assess
    expect(events.json.__type).toBe('ValidationException');
    expect(sqs.json.__type).toBe('com.amazonaws.sqs#InvalidParameterValue');
    expect(sqs.headers.get('x-amzn-query-error')).toBe('InvalidParameterValue;Sender');
  });

  it('answers QueueDoesNotExist with the SQS query error header', async () => {
    // Act
    const response = await harness.call('AmazonSQS.GetQueueUrl', '{"QueueName":"missing"}');

    // Assess
    expect(response.status).toBe(400);
    expect(response.json.__type).toBe('com.amazonaws.sqs#QueueDoesNotExist');
    expect(response.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
  });

  it('answers QueueDoesNotExist for a queue url that is not a url', async () => {
    const response = await harness.call('AmazonSQS.SendMessage', '{"QueueUrl":"http://","MessageBody":"x"}');
    expect(response.json.__type).toBe('com.amazonaws.sqs#QueueDoesNotExist');
  });

  it('keeps serving after a malformed HTTP request', async () => {
    // Prepare
    const { port } = new URL(harness.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });

    // Act
    const response = await harness.call('AWSEvents.ListEventBuses', '{}');

    // Assess
    expect(response.status).toBe(200);
  });
});
