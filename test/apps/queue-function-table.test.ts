import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { eventually } from './support/app-cloud';
import { useAppCloud } from './support/app-under-test';

describe('queue-function-table (README check)', () => {
  const app = useAppCloud('queue-function-table');

  it('stores a message sent to the queue as an item of the table', async () => {
    await app.sendTo('QueueUrl', '{"id":"n-1","text":"hello"}');
    const item = await eventually(async () => {
      const { Item } = await app
        .client(DynamoDBClient)
        .send(new GetItemCommand({ TableName: app.output('TableName'), Key: { id: { S: 'n-1' } } }));
      return Item;
    });
    expect(item?.text).toEqual({ S: 'hello' });
  });
});
