import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import stockItem from './fixtures/stock-item.json';
import { servedInventoryTableForAllTests } from './local-dynamodb-server';

const TABLE = 'Inventory';
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

describe('transactions on LocalDynamoDb', () => {
  const served = servedInventoryTableForAllTests(TABLE);

  const stockKey = (sku: string) => ({ pk: `STOCK#${sku}`, sk: 'STOCK' });
  const putStock = (sku: string, available: number) =>
    served.documents.send(
      new PutCommand({ TableName: TABLE, Item: { ...stockItem, ...stockKey(sku), sku, available } }),
    );
  const getItem = async (key: Record<string, string>) =>
    (await served.documents.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
  const reserve = (sku: string, orderId: string): TransactItem[] => [
    {
      Update: {
        TableName: TABLE,
        Key: stockKey(sku),
        UpdateExpression: 'SET available = available - :one ADD reserved :one',
        ConditionExpression: 'available >= :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
    {
      Put: {
        TableName: TABLE,
        Item: { pk: `RESERVATION#${orderId}`, sk: sku, orderId, quantity: 1 },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  const cancellation = async (items: TransactItem[]) => {
    const error = await served.documents
      .send(new TransactWriteCommand({ TransactItems: items }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    return error as TransactionCanceledException;
  };

  it('commits every write of a transaction', async () => {
    // Prepare
    await putStock('sku-commit', 5);

    // Act
    await served.documents.send(new TransactWriteCommand({ TransactItems: reserve('sku-commit', 'ord-commit') }));

    // Assess
    expect(await getItem(stockKey('sku-commit'))).toMatchObject({ available: 4, reserved: 1 });
    expect(await getItem({ pk: 'RESERVATION#ord-commit', sk: 'sku-commit' })).toMatchObject({ quantity: 1 });
  });

  it('cancels everything with one reason per item, in order, when one condition fails', async () => {
    // Prepare
    await putStock('sku-cancel', 3);
    await served.documents.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: 'RESERVATION#ord-cancel', sk: 'sku-cancel', orderId: 'ord-cancel' },
      }),
    );

    // Act
    const error = await cancellation(reserve('sku-cancel', 'ord-cancel'));

    // Assess
    expect(error.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
    );
    expect(error.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
    expect(await getItem(stockKey('sku-cancel'))).toMatchObject({ available: 3, reserved: 0 });
  });

  it('returns the failing item in its reason when asked for ALL_OLD', async () => {
    // Prepare
    await putStock('sku-empty', 0);

    // Act
    const error = await cancellation([
      {
        ConditionCheck: {
          TableName: TABLE,
          Key: stockKey('sku-empty'),
          ConditionExpression: 'available > :zero',
          ExpressionAttributeValues: { ':zero': 0 },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { Put: { TableName: TABLE, Item: { pk: 'RESERVATION#ord-empty', sk: 'sku-empty' } } },
    ]);

    // Assess
    expect(error.CancellationReasons?.[0]).toMatchObject({
      Code: 'ConditionalCheckFailed',
      Item: expect.objectContaining({ available: { N: '0' } }),
    });
    expect(error.CancellationReasons?.[1]).toEqual({ Code: 'None' });
    expect(await getItem({ pk: 'RESERVATION#ord-empty', sk: 'sku-empty' })).toBeUndefined();
  });

  it('rolls back applied writes when a later update does not fit its item', async () => {
    // Prepare
    await served.documents.send(
      new PutCommand({ TableName: TABLE, Item: { pk: 'STOCK#sku-text', sk: 'STOCK', available: 'many' } }),
    );

    // Act
    const error = await cancellation([
      { Put: { TableName: TABLE, Item: { pk: 'RESERVATION#ord-rollback', sk: 'sku-text' } } },
      {
        Update: {
          TableName: TABLE,
          Key: stockKey('sku-text'),
          UpdateExpression: 'ADD available :minusOne',
          ExpressionAttributeValues: { ':minusOne': -1 },
        },
      },
    ]);

    // Assess
    expect(error.CancellationReasons?.map((reason) => reason.Code)).toEqual(['None', 'ValidationError']);
    expect(await getItem({ pk: 'RESERVATION#ord-rollback', sk: 'sku-text' })).toBeUndefined();
  });

  it('refuses two operations on one item', async () => {
    // Act
    const attempt = served.documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { ...stockKey('sku-twice'), available: 1 } } },
          { Delete: { TableName: TABLE, Key: stockKey('sku-twice') } },
        ],
      }),
    );

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Transaction request cannot include multiple operations on one item',
    });
  });

  it('names the member path of a condition check without a condition', async () => {
    // Act
    const attempt = served.documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { pk: 'RESERVATION#ord-path', sk: 'x' } } },
          { ConditionCheck: { TableName: TABLE, Key: stockKey('sku-path') } as never },
        ],
      }),
    );

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'transactItems.2.member.conditionCheck.conditionExpression' " +
        'failed to satisfy constraint: Member must not be null',
    });
  });

  it('refuses more than 100 items', async () => {
    // Prepare
    const items: TransactItem[] = Array.from({ length: 101 }, (_, index) => ({
      Put: { TableName: TABLE, Item: { pk: `BULK#${index}`, sk: 'x' } },
    }));

    // Act
    const attempt = served.documents.send(new TransactWriteCommand({ TransactItems: items }));

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 100'),
    });
  });

  it('never drives stock below zero under 50 concurrent reservations of 20 units', async () => {
    // Prepare
    await putStock('sku-race', 20);

    // Act
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) =>
        served.documents.send(new TransactWriteCommand({ TransactItems: reserve('sku-race', `ord-race-${index}`) })),
      ),
    );

    // Assess
    const succeeded = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
    const cancelled = outcomes.filter(
      (outcome) => outcome.status === 'rejected' && outcome.reason instanceof TransactionCanceledException,
    ).length;
    expect({ succeeded, cancelled }).toEqual({ succeeded: 20, cancelled: 30 });
    expect(await getItem(stockKey('sku-race'))).toMatchObject({ available: 0, reserved: 20 });
  });

  it('serialises single-item updates with transactions on the same item', async () => {
    // Prepare
    await putStock('sku-mixed', 10);
    const decrement = () =>
      served.documents.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: stockKey('sku-mixed'),
          UpdateExpression: 'SET available = available - :one',
          ConditionExpression: 'available >= :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );

    // Act
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        index % 2
          ? decrement()
          : served.documents.send(
              new TransactWriteCommand({ TransactItems: reserve('sku-mixed', `ord-mixed-${index}`) }),
            ),
      ),
    );

    // Assess
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(10);
    expect(await getItem(stockKey('sku-mixed'))).toMatchObject({ available: 0 });
  });

  it('applies a transaction once when it is retried with the same client request token', async () => {
    // Prepare
    await putStock('sku-token', 5);
    const input = { TransactItems: reserve('sku-token', 'ord-token'), ClientRequestToken: 'token-ord-token' };

    // Act
    await served.documents.send(new TransactWriteCommand(input));
    await served.documents.send(new TransactWriteCommand(input));

    // Assess
    expect(await getItem(stockKey('sku-token'))).toMatchObject({ available: 4, reserved: 1 });
  });

  it('refuses a client request token reused for another transaction', async () => {
    // Prepare
    await putStock('sku-token-reuse', 5);
    await served.documents.send(
      new TransactWriteCommand({
        TransactItems: reserve('sku-token-reuse', 'ord-first'),
        ClientRequestToken: 'token-reuse',
      }),
    );

    // Act
    const attempt = served.documents.send(
      new TransactWriteCommand({
        TransactItems: reserve('sku-token-reuse', 'ord-second'),
        ClientRequestToken: 'token-reuse',
      }),
    );

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'IdempotentParameterMismatchException' });
    expect(await getItem(stockKey('sku-token-reuse'))).toMatchObject({ available: 4 });
  });

  it('reads several items at once with TransactGetItems, answering nothing for a missing one', async () => {
    // Prepare
    await putStock('sku-read-a', 7);
    await putStock('sku-read-b', 9);

    // Act
    const { Responses } = await served.documents.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: TABLE, Key: stockKey('sku-read-a'), ProjectionExpression: 'available' } },
          { Get: { TableName: TABLE, Key: stockKey('sku-missing') } },
          { Get: { TableName: TABLE, Key: stockKey('sku-read-b') } },
        ],
      }),
    );

    // Assess
    expect(Responses).toHaveLength(3);
    expect(Responses?.[0]?.Item).toEqual({ available: 7 });
    expect(Responses?.[1]?.Item).toBeUndefined();
    expect(Responses?.[2]?.Item).toMatchObject({ sku: 'sku-read-b', available: 9 });
  });
});
