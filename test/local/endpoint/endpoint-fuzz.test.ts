import fc from 'fast-check';
import { startEndpointHarness, type EndpointHarness } from './endpoint-harness';

const OPERATIONS = [
  'AmazonSQS.CreateQueue',
  'AmazonSQS.SendMessage',
  'AmazonSQS.SendMessageBatch',
  'AmazonSQS.ReceiveMessage',
  'AmazonSQS.DeleteMessage',
  'AmazonSQS.DeleteMessageBatch',
  'AmazonSQS.ChangeMessageVisibility',
  'AmazonSQS.GetQueueAttributes',
  'AmazonSQS.SetQueueAttributes',
  'AmazonSQS.StartMessageMoveTask',
  'AWSEvents.PutEvents',
  'AWSEvents.PutRule',
  'AWSEvents.PutTargets',
  'AWSEvents.TestEventPattern',
  'AWSEvents.DescribeRule',
  'AWSEvents.CreateArchive',
  'AWSEvents.StartReplay',
];

/** Values shaped like the requests' members, so the fuzzer reaches past the first type check. */
const member = fc.oneof(
  fc.constant('http://127.0.0.1/000000000000/fuzz'),
  fc.constant('arn:aws:sqs:us-east-1:000000000000:fuzz'),
  fc.constant('{"source":["x"]}'),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(
    fc.dictionary(
      fc.constantFrom('Id', 'MessageBody', 'ReceiptHandle', 'Source', 'DetailType', 'Detail', 'Arn'),
      fc.oneof(fc.string(), fc.integer()),
    ),
    { maxLength: 12 },
  ),
  fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.string()))),
);

const requestBody = fc.dictionary(
  fc.constantFrom(
    'QueueUrl',
    'QueueName',
    'MessageBody',
    'Entries',
    'Attributes',
    'MessageAttributes',
    'MaxNumberOfMessages',
    'WaitTimeSeconds',
    'VisibilityTimeout',
    'ReceiptHandle',
    'DelaySeconds',
    'AttributeNames',
    'SourceArn',
    'Name',
    'EventPattern',
    'Event',
    'Rule',
    'Targets',
    'ArchiveName',
    'EventSourceArn',
    'Destination',
    'ReplayName',
  ),
  member,
);

describe('the local endpoint under arbitrary requests', () => {
  let harness: EndpointHarness;

  beforeAll(async () => {
    harness = await startEndpointHarness();
    harness.sqs.createQueue('fuzz');
    harness.bridge.putRule({ name: 'fuzz', eventPattern: { source: ['x'] } });
  });

  afterAll(() => harness.stop());

  it('answers every malformed call with a client error, never a server error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), requestBody, async (operation, body) => {
        const { WaitTimeSeconds: _longPoll, ...rest } = body;
        const response = await harness.call(operation, JSON.stringify(rest));
        if (response.status >= 500) {
          throw new Error(
            `${operation} answered ${response.status} ${JSON.stringify(response.json)} for ${JSON.stringify(rest)}`,
          );
        }
        expect(response.status === 200 || typeof response.json.__type === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
