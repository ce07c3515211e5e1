import {
  ConditionalCheckFailedException,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import stockItem from './fixtures/stock-item.json';
import { callStore, servedInventoryTableForAllTests, serviceTableSpec } from './local-dynamodb-server';

const TABLE = 'Choreography-Inventory-Table';

describe('LocalDynamoDb through the AWS SDK', () => {
  const served = servedInventoryTableForAllTests(TABLE);

  it('creates an active on-demand table with its global secondary index from a template spec', async () => {
    // Act
    const { Table } = await served.client.send(new DescribeTableCommand({ TableName: TABLE }));

    // Assess
    expect(Table).toMatchObject({
      TableStatus: 'ACTIVE',
      TableArn: `arn:aws:dynamodb:us-east-1:000000000000:table/${TABLE}`,
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      GlobalSecondaryIndexes: [expect.objectContaining({ IndexName: 'byOrder', IndexStatus: 'ACTIVE' })],
    });
  });

  it('reports the ttl attribute of the template and accepts turning it off', async () => {
    // Act
    const before = await served.client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
    await served.client.send(
      new UpdateTimeToLiveCommand({
        TableName: TABLE,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: false },
      }),
    );
    const after = await served.client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
    await served.client.send(
      new UpdateTimeToLiveCommand({
        TableName: TABLE,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );

    // Assess
    expect(before.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    expect(after.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });

  it('refuses a conditional put on an existing item with ConditionalCheckFailedException', async () => {
    // Prepare
    const item = { ...stockItem, pk: 'STOCK#conditional' };
    await served.documents.send(new PutCommand({ TableName: TABLE, Item: item }));

    // Act
    const attempt = served.documents.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...item, available: 0 },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await expect(attempt).rejects.toMatchObject({
      message: 'The conditional request failed',
      $metadata: { httpStatusCode: 400 },
    });
    const { Item } = await served.documents.send(
      new GetCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } }),
    );
    expect(Item?.available).toBe(20);
  });

  it('returns the current item on a failed condition when asked for ALL_OLD', async () => {
    // Prepare
    const item = { ...stockItem, pk: 'STOCK#all-old' };
    await served.documents.send(new PutCommand({ TableName: TABLE, Item: item }));

    // Act
    const error = await served.documents
      .send(
        new UpdateCommand({
          TableName: TABLE,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET available = available - :one',
          ConditionExpression: 'available > :floor',
          ExpressionAttributeValues: { ':one': 1, ':floor': 100 },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect((error as ConditionalCheckFailedException).Item?.available).toEqual({ N: '20' });
  });

  it('applies ADD, SET and if_not_exists in one update', async () => {
    // Prepare
    const key = { pk: 'STOCK#update', sk: 'STOCK' };

    // Act
    await served.documents.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: key,
        UpdateExpression: 'ADD reserved :two SET available = if_not_exists(available, :start) - :two, sku = :sku',
        ExpressionAttributeValues: { ':two': 2, ':start': 10, ':sku': 'sku-update' },
      }),
    );
    const { Attributes } = await served.documents.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: key,
        UpdateExpression: 'ADD reserved :two SET available = if_not_exists(available, :start) - :two',
        ExpressionAttributeValues: { ':two': 2, ':start': 10 },
        ReturnValues: 'ALL_NEW',
      }),
    );

    // Assess
    expect(Attributes).toEqual({ ...key, sku: 'sku-update', available: 6, reserved: 4 });
  });

  it('writes a batch and finds it again by query on the index and by scan', async () => {
    // Prepare
    const reservations = ['sku-mouse', 'sku-cable', 'sku-dock'].map((sku) => ({
      pk: `RESERVATION#ord-batch`,
      sk: sku,
      orderId: 'ord-batch',
      quantity: 1,
    }));

    // Act
    const batch = await served.documents.send(
      new BatchWriteCommand({
        RequestItems: { [TABLE]: reservations.map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
    const byOrder = await served.documents.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'byOrder',
        KeyConditionExpression: 'orderId = :order',
        ExpressionAttributeValues: { ':order': 'ord-batch' },
      }),
    );
    const scanned = await served.documents.send(
      new ScanCommand({
        TableName: TABLE,
        FilterExpression: 'begins_with(pk, :prefix)',
        ExpressionAttributeValues: { ':prefix': 'RESERVATION#' },
      }),
    );

    // Assess
    expect(batch.UnprocessedItems).toEqual({});
    expect(byOrder.Items?.map((item) => item.sk).sort()).toEqual(['sku-cable', 'sku-dock', 'sku-mouse']);
    expect(scanned.Count).toBe(3);
  });

  it('answers ResourceNotFoundException for a table that does not exist', async () => {
    // Act
    const attempt = served.documents.send(new GetCommand({ TableName: 'missing-table', Key: { pk: 'x', sk: 'y' } }));

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  describe('table changes, answered once they are done', () => {
    const call = (operation: string, input: unknown) => callStore(served.dynamodb, operation, input);

    it('takes a write right after CreateTable, whose answer says CREATING as AWS does', async () => {
      // Act: the put follows the answer at once, before any timer of the store could run
      const created = await call('CreateTable', serviceTableSpec('created-then-written'));
      const put = await call('PutItem', {
        TableName: 'created-then-written',
        Item: { pk: { S: 'a' }, sk: { S: 'b' } },
      });

      // Assess
      expect(created.body).toMatchObject({ TableDescription: { TableStatus: 'CREATING' } });
      expect(put.status).toBe(200);
    });

    it('creates a table again right after DeleteTable, whose answer says DELETING', async () => {
      // Prepare
      await call('CreateTable', serviceTableSpec('deleted-then-created'));

      // Act
      const deleted = await call('DeleteTable', { TableName: 'deleted-then-created' });
      const created = await call('CreateTable', serviceTableSpec('deleted-then-created'));

      // Assess
      expect(deleted.body).toMatchObject({ TableDescription: { TableStatus: 'DELETING' } });
      expect(created.status).toBe(200);
    });

    it('describes a table as ACTIVE right after UpdateTable changed its throughput', async () => {
      // Prepare
      const provisioned = { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };
      const { BillingMode: _onDemand, ...keys } = serviceTableSpec('updated-then-described');
      await call('CreateTable', { ...keys, ProvisionedThroughput: provisioned });

      // Act
      const updated = await call('UpdateTable', {
        TableName: 'updated-then-described',
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      });
      const described = await call('DescribeTable', { TableName: 'updated-then-described' });

      // Assess
      expect(updated.body).toMatchObject({ TableDescription: { TableStatus: 'UPDATING' } });
      expect(described.body).toMatchObject({
        Table: { TableStatus: 'ACTIVE', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
      });
    });
  });

  it.each([
    ['SerializationException for a body that is not JSON', 'GetItem', '{"TableName":', 'SerializationException'],
    [
      'UnknownOperationException for an operation it does not implement',
      'ExecuteStatement',
      '{"Statement":"SELECT * FROM x"}',
      'UnknownOperationException',
    ],
  ])('answers %s with a 400', async (_case, operation, body, errorType) => {
    // Act
    const response = await served.dynamodb.handle({
      target: `DynamoDB_20120810.${operation}`,
      body: Buffer.from(body),
      headers: {},
      caller: { accessKeyId: 'test', principal: 'client' },
    });

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ __type: `com.amazon.coral.service#${errorType}` });
  });
});
