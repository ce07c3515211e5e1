import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { SEED_CUSTOMERS, SEED_STOCK } from '../../lib/seed/seed-data';
import { LOCAL, choreo } from './run-cli';

const dynamo = mockClient(DynamoDBDocumentClient);

function itemsWrittenTo(table: string): Record<string, unknown>[] {
  return dynamo
    .commandCalls(PutCommand)
    .filter((call) => call.args[0].input.TableName === table)
    .map((call) => call.args[0].input.Item as Record<string, unknown>);
}

beforeEach(() => {
  dynamo.reset();
  dynamo.on(PutCommand).resolves({});
});

describe('choreo seed', () => {
  it("writes every seed stock item and customer into the variant's tables", async () => {
    const run = await choreo(['seed', '--variant', 'orchestration', ...LOCAL]);

    expect(run.code).toBe(0);
    expect(itemsWrittenTo('shop-orchestration-inventory')).toEqual(
      SEED_STOCK.map(({ sku, available }) => expect.objectContaining({ sku, available })),
    );
    expect(itemsWrittenTo('shop-orchestration-payments')).toEqual(
      SEED_CUSTOMERS.map(({ customerId, creditLimit }) => expect.objectContaining({ customerId, creditLimit })),
    );
    expect(dynamo).toHaveReceivedCommandTimes(PutCommand, SEED_STOCK.length + SEED_CUSTOMERS.length);
    expect(run.stdout).toContain(`seeded ${SEED_STOCK.length} stock item(s) into 'shop-orchestration-inventory'`);
  });

  it('prefixes the table names with the stage and reports them as JSON', async () => {
    const run = await choreo(['seed', '--stage', 'dev', '--json', ...LOCAL]);

    expect(JSON.parse(run.stdout)).toEqual({
      inventoryTable: 'dev-shop-choreography-inventory',
      stockItems: SEED_STOCK.length,
      paymentsTable: 'dev-shop-choreography-payments',
      customers: SEED_CUSTOMERS.length,
      keptTables: [],
    });
  });

  it('exits 1 with one line when the table does not exist', async () => {
    dynamo
      .on(PutCommand)
      .rejects(Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException' }));

    const run = await choreo(['seed', ...LOCAL]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: ResourceNotFoundException: Requested resource not found (is the app deployed, and are --variant, --stage and --region right?)\n',
    );
  });
});
