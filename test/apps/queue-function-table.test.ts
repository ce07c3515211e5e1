import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, eventually, stackOutput, startAppCloud } from './support/app-cloud';

describe('queue-function-table (README check)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startAppCloud('queue-function-table');
  });
  afterAll(() => cloud.stop());

  it('stores a message sent to the queue as an item of the table', async () => {
    const sqs = new SQSClient(clientConfig(cloud));
    const dynamo = new DynamoDBClient(clientConfig(cloud));
    await sqs.send(
      new SendMessageCommand({ QueueUrl: stackOutput(cloud, 'QueueUrl'), MessageBody: '{"id":"n-1","text":"hello"}' }),
    );
    const item = await eventually(async () => {
      const { Item } = await dynamo.send(
        new GetItemCommand({ TableName: stackOutput(cloud, 'TableName'), Key: { id: { S: 'n-1' } } }),
      );
      return Item;
    });
    expect(item?.text).toEqual({ S: 'hello' });
    sqs.destroy();
    dynamo.destroy();
  });
});
