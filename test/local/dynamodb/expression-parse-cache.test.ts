import { DynaliteEngine } from '../../../lib/local/dynamodb/dynalite-engine';

// Expressions remembered by the parse cache (lib/local/dynamodb/expression-parse-cache.ts) must
// answer as a first parse does. Messages and codes after the DynamoDB API reference (PutItem,
// UpdateItem: ConditionalCheckFailedException; "Common errors": ValidationException for unused
// ExpressionAttributeNames/Values), as dynalite reproduces them.
const TABLE = 'parse-cache-table';

describe('DynamoDB expressions sent again (remembered parses)', () => {
  let engine: DynaliteEngine;

  beforeAll(async () => {
    engine = await DynaliteEngine.open({ region: 'us-east-1', accountId: '000000000000' });
    await engine.createTable({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  afterAll(() => engine.close());

  // validate() throws at once; the calls below answer as rejected promises, as over HTTP.
  const call = (operation: 'PutItem' | 'UpdateItem', body: Record<string, unknown>) =>
    Promise.resolve().then(() => engine.call(operation, body));
  const putOnce = (pk: string) =>
    call('PutItem', {
      TableName: TABLE,
      Item: { pk: { S: pk }, stock: { N: '5' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  const take = (pk: string, quantity: string, unused?: Record<string, unknown>) =>
    call('UpdateItem', {
      TableName: TABLE,
      Key: { pk: { S: pk } },
      UpdateExpression: 'SET #stock = #stock - :quantity',
      ConditionExpression: '#stock >= :quantity',
      ExpressionAttributeNames: { '#stock': 'stock' },
      ExpressionAttributeValues: { ':quantity': { N: quantity }, ...unused },
      ReturnValues: 'ALL_NEW',
    });

  it('refuses a second conditional put of the same key as ConditionalCheckFailedException (PutItem)', async () => {
    // Act
    await putOnce('a');
    const second = putOnce('a');

    // Assess
    await expect(second).rejects.toMatchObject({ message: 'The conditional request failed' });
  });

  it('applies a remembered update expression to the item it is sent for, each time', async () => {
    // Prepare
    await putOnce('b');

    // Act
    const first = await take('b', '2');
    const second = await take('b', '2');
    const third = take('b', '2');

    // Assess
    expect([first.Attributes, second.Attributes]).toEqual([
      { pk: { S: 'b' }, stock: { N: '3' } },
      { pk: { S: 'b' }, stock: { N: '1' } },
    ]);
    await expect(third).rejects.toMatchObject({ message: 'The conditional request failed' });
  });

  it('still refuses an unused ExpressionAttributeValues key after the same expression parsed well (ValidationException)', async () => {
    // Prepare
    await putOnce('c');
    await take('c', '1');

    // Act
    const withUnusedValue = take('c', '1', { ':unused': { S: 'x' } });

    // Assess
    await expect(withUnusedValue).rejects.toMatchObject({
      message: 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}',
    });
  });

  it('answers a syntax error in an expression sent twice with the same ValidationException', async () => {
    // Act
    const attempts = [1, 2].map(() =>
      call('PutItem', {
        TableName: TABLE,
        Item: { pk: { S: 'd' } },
        ConditionExpression: 'attribute_not_exists(',
      }).catch((error: Error) => error.message),
    );

    // Assess
    const [first, second] = await Promise.all(attempts);
    expect(first).toMatch(/^Invalid ConditionExpression: Syntax error; /);
    expect(second).toBe(first);
  });
});
