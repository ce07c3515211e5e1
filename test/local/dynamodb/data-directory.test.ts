import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  LocalDynamoDb,
  LocalDynamoDbStartError,
  TableSchemaMismatchError,
  tableSpecFromTemplate,
} from '../../../lib/local/dynamodb';
import { DynaliteEngine } from '../../../lib/local/dynamodb/dynalite-engine';
import inventoryTable from './fixtures/inventory-table-resource.json';
import stockItem from './fixtures/stock-item.json';
import { callStore, serveLocalDynamoDb, serviceTableSpec } from './local-dynamodb-server';

const TABLE = 'Inventory';
const spec = tableSpecFromTemplate(inventoryTable.Properties, TABLE).spec;
const key = { pk: stockItem.pk, sk: stockItem.sk };

describe('LocalDynamoDb with a data directory', () => {
  let dataDirectory: string;

  beforeEach(async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), 'local-dynamodb-'));
  });

  afterEach(() => rm(dataDirectory, { recursive: true, force: true }));

  it('keeps tables, items and ttl settings across a restart', async () => {
    // Prepare
    const first = await serveLocalDynamoDb({ dataDirectory });
    await first.dynamodb.ensureTables([spec]);
    await first.documents.send(new PutCommand({ TableName: TABLE, Item: stockItem }));
    await first.documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: TABLE,
              Key: key,
              UpdateExpression: 'SET available = available - :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    );
    await first.close();

    // Act
    const second = await serveLocalDynamoDb({ dataDirectory });
    const ensured = await second.dynamodb.ensureTables([spec]);
    const { Item } = await second.documents.send(new GetCommand({ TableName: TABLE, Key: key }));
    const ttl = await second.client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
    await second.close();

    // Assess
    expect(ensured).toEqual({ created: [], existing: [TABLE] });
    expect(Item).toEqual({ ...stockItem, available: 19 });
    expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
  });

  it('finishes the table changes a crash interrupted: a CREATING table is ACTIVE, a DELETING one gone', async () => {
    // Prepare: the store as a kill -9 within dynalite's zero-delay timers leaves it
    const engine = await DynaliteEngine.open({ dataDirectory, region: 'us-east-1', accountId: '000000000000' });
    await engine.saveTable({
      ...(await engine.createTable(serviceTableSpec('half-created'))),
      TableStatus: 'CREATING',
    });
    await engine.saveTable({
      ...(await engine.createTable(serviceTableSpec('half-deleted'))),
      TableStatus: 'DELETING',
    });
    await engine.close();

    // Act
    const restarted = await LocalDynamoDb.start({ dataDirectory });
    const tables = (await callStore(restarted, 'ListTables', {})).body;
    const described = (await callStore(restarted, 'DescribeTable', { TableName: 'half-created' })).body;
    await restarted.stop();

    // Assess
    expect(tables).toEqual({ TableNames: ['half-created'] });
    expect(described).toMatchObject({ Table: { TableStatus: 'ACTIVE' } });
  });

  it('refuses to open a data directory another instance holds', async () => {
    // Prepare
    const holder = await LocalDynamoDb.start({ dataDirectory });

    // Act
    const attempt = LocalDynamoDb.start({ dataDirectory });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(LocalDynamoDbStartError);
    await expect(attempt).rejects.toThrow(`cannot open the dynamodb data directory '${dataDirectory}'`);
    await holder.stop();
  });

  it('refuses a kept table whose keys differ from the spec', async () => {
    // Prepare
    const first = await LocalDynamoDb.start({ dataDirectory });
    await first.ensureTables([spec]);
    await first.stop();
    const second = await LocalDynamoDb.start({ dataDirectory });

    // Act
    const attempt = second.ensureTables([
      { ...spec, KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], GlobalSecondaryIndexes: undefined },
    ]);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TableSchemaMismatchError);
    await second.stop();
  });
});
