import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { ScaledClock } from '../../../lib/local/clock';
import { LocalDynamoDb } from '../../../lib/local/dynamodb';
import { startLocalEndpoint, type LocalEndpoint } from '../../../lib/local/endpoint';
import { LocalEventBridge } from '../../../lib/local/eventbridge';
import { LocalSqs } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';

describe('DynamoDB behind the local endpoint', () => {
  let dynamoDb: LocalDynamoDb;
  let endpoint: LocalEndpoint;
  let client: DynamoDBClient;

  beforeAll(async () => {
    const clock = new ScaledClock();
    const trace = new TraceRecorder(clock);
    const sqs = new LocalSqs({ clock, trace });
    dynamoDb = await LocalDynamoDb.start({ clock });
    endpoint = await startLocalEndpoint({
      port: 0,
      sqs,
      eventBridge: new LocalEventBridge({ clock, trace, sqs }),
      dynamoDb,
    });
    client = new DynamoDBClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await endpoint.stop();
    await dynamoDb.stop();
  });

  it('serves the DynamoDB SDK through the same endpoint as SQS and EventBridge', async () => {
    // Prepare
    await client.send(
      new CreateTableCommand({
        TableName: 'orders',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );

    // Act
    await client.send(
      new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'ord-1' }, status: { S: 'PENDING' } } }),
    );
    const read = await client.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'ord-1' } } }));

    // Assess
    expect(read.Item).toEqual({ pk: { S: 'ord-1' }, status: { S: 'PENDING' } });
  });

  it('passes DynamoDB errors through with their type', async () => {
    // Act
    const error = await client
      .send(new GetItemCommand({ TableName: 'missing', Key: { pk: { S: 'x' } } }))
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});
