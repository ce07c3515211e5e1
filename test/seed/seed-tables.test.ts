import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { SEED_CUSTOMERS, SEED_STOCK } from '../../lib/seed/seed-data';
import { seedTables } from '../../lib/seed/seed-tables';

const dynamo = mockClient(DynamoDBDocumentClient);
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));

const tablesWritten = () => new Set(dynamo.commandCalls(PutCommand).map((call) => call.args[0].input.TableName));

beforeEach(() => {
  dynamo.reset();
  dynamo.on(PutCommand).resolves({});
});

describe('seeding tables', () => {
  it('leaves a table that already holds state as it is, and seeds the empty one', async () => {
    // GIVEN an inventory table with stock saved from an earlier run (--data) and an empty payments table
    dynamo
      .on(ScanCommand, { TableName: 'shop-choreography-inventory' })
      .resolves({ Count: 1, Items: [{ pk: 'STOCK#x' }] });
    dynamo.on(ScanCommand, { TableName: 'shop-choreography-payments' }).resolves({ Count: 0, Items: [] });

    // WHEN the local cloud seeds only empty tables
    const result = await seedTables({ documentClient, variant: 'choreography', onlyEmptyTables: true });

    // THEN the saved stock is not overwritten
    expect(tablesWritten()).toEqual(new Set(['shop-choreography-payments']));
    expect(result).toMatchObject({
      stockItems: 0,
      customers: SEED_CUSTOMERS.length,
      keptTables: ['shop-choreography-inventory'],
    });
  });

  it('resets both tables by default, whatever they hold', async () => {
    dynamo.on(ScanCommand).resolves({ Count: 1, Items: [{ pk: 'x' }] });

    const result = await seedTables({ documentClient, variant: 'orchestration' });

    expect(dynamo.commandCalls(ScanCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(SEED_STOCK.length + SEED_CUSTOMERS.length);
    expect(result.keptTables).toEqual([]);
  });
});
