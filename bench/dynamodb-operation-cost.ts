import { DynaliteEngine } from '../lib/local/dynamodb/dynalite-engine';

const TABLE = 'bench-operation-cost';
const OPERATIONS_PER_RUN = 1_000;

/**
 * Microseconds per operation of the embedded DynamoDB called in process (no HTTP, no SDK): the
 * store's own cost, for a conditional PutItem (`attribute_not_exists(pk)`, as every service's
 * first write), a conditional UpdateItem (the stock decrement's shape) and a consistent GetItem.
 * Each run uses a fresh store.
 */
export async function dynamoDbOperationCosts(): Promise<Record<'put' | 'update' | 'get', number>> {
  const engine = await DynaliteEngine.open({ region: 'us-east-1', accountId: '000000000000' });
  try {
    await engine.createTable({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    const microsPerOperation = async (operation: (index: number) => Promise<unknown>) => {
      const started = performance.now();
      for (let index = 0; index < OPERATIONS_PER_RUN; index++) await operation(index);
      return ((performance.now() - started) * 1000) / OPERATIONS_PER_RUN;
    };
    const key = (index: number) => ({ pk: { S: `order-${index}` } });
    const put = await microsPerOperation((index) =>
      engine.call('PutItem', {
        TableName: TABLE,
        Item: { ...key(index), available: { N: '10' }, status: { S: 'RESERVED' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    const update = await microsPerOperation((index) =>
      engine.call('UpdateItem', {
        TableName: TABLE,
        Key: key(index),
        UpdateExpression: 'SET available = available - :quantity, #status = :released',
        ConditionExpression: 'attribute_exists(pk) AND available >= :quantity',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':quantity': { N: String(1 + (index % 3)) }, ':released': { S: 'RELEASED' } },
      }),
    );
    const get = await microsPerOperation((index) =>
      engine.call('GetItem', { TableName: TABLE, Key: key(index), ConsistentRead: true }),
    );
    return { put, update, get };
  } finally {
    await engine.close();
  }
}
