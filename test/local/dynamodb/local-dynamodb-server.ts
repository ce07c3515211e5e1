import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LocalDynamoDb, tableSpecFromTemplate, type LocalDynamoDbOptions } from '../../../lib/local/dynamodb';
import { serveAwsJson, TEST_CLIENT_CONFIG } from '../../support/serve-aws-json';
import { testScopedProxy } from '../../support/test-scoped-proxy';
import inventoryTable from './fixtures/inventory-table-resource.json';

/** A LocalDynamoDb served on a loopback port, with stock SDK clients pointed at it. */
export interface ServedDynamoDb {
  readonly dynamodb: LocalDynamoDb;
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  /** Stops the server, the clients and the store. */
  close(): Promise<void>;
}

/** Starts a LocalDynamoDb and serves its `handle` over HTTP on 127.0.0.1 (any free port). */
export async function serveLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<ServedDynamoDb> {
  const dynamodb = await LocalDynamoDb.start(options);
  const served = await serveAwsJson(dynamodb);
  const client = new DynamoDBClient({ ...TEST_CLIENT_CONFIG, endpoint: served.endpoint });
  const documents = DynamoDBDocumentClient.from(client);
  return {
    dynamodb,
    client,
    documents,
    close: async () => {
      client.destroy();
      await served.close();
      await dynamodb.stop();
    },
  };
}

/**
 * One served LocalDynamoDb for all the tests of the enclosing `describe`, holding the inventory table of the
 * template (`fixtures/inventory-table-resource.json`) named `tableName`.
 */
export function servedInventoryTableForAllTests(tableName: string): ServedDynamoDb {
  let served: ServedDynamoDb | undefined;
  beforeAll(async () => {
    served = await serveLocalDynamoDb();
    await served.dynamodb.createTable(tableSpecFromTemplate(inventoryTable.Properties, tableName).spec);
  });
  afterAll(() => served?.close());
  return testScopedProxy(() => served);
}

/** One wire call to the store, as the endpoint makes it: the HTTP status and the parsed body. */
export async function callStore(
  dynamodb: LocalDynamoDb,
  operation: string,
  input: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await dynamodb.handle({
    target: `DynamoDB_20120810.${operation}`,
    body: Buffer.from(JSON.stringify(input)),
    headers: {},
    caller: { accessKeyId: 'test', principal: 'client' },
  });
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}

/** A table laid out as every saga service's (`pk`/`sk` strings, on demand), named `tableName`. */
export function serviceTableSpec(tableName: string) {
  return {
    TableName: tableName,
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' as const },
      { AttributeName: 'sk', KeyType: 'RANGE' as const },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' as const },
      { AttributeName: 'sk', AttributeType: 'S' as const },
    ],
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}
