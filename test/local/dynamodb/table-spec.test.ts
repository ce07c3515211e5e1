import { InvalidTableSpecError, createTableRequest, tableSpecFromTemplate } from '../../../lib/local/dynamodb';
import inventoryTable from './fixtures/inventory-table-resource.json';

describe('tableSpecFromTemplate', () => {
  it('reads keys, indexes, billing and ttl from a synthesized table resource', () => {
    // Act
    const { spec } = tableSpecFromTemplate(inventoryTable.Properties, 'Choreography-Inventory-Table');

    // Assess
    expect(spec).toEqual({
      TableName: 'Choreography-Inventory-Table',
      KeySchema: inventoryTable.Properties.KeySchema,
      AttributeDefinitions: inventoryTable.Properties.AttributeDefinitions,
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: inventoryTable.Properties.GlobalSecondaryIndexes,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('names the template properties it ignores', () => {
    // Act
    const { ignoredProperties } = tableSpecFromTemplate(inventoryTable.Properties, 'Inventory');

    // Assess
    expect(ignoredProperties).toEqual([
      'PointInTimeRecoverySpecification',
      'SSESpecification',
      'StreamSpecification',
      'Tags',
    ]);
  });

  it('prefers a plain TableName over the physical name', () => {
    // Act
    const { spec } = tableSpecFromTemplate({ ...inventoryTable.Properties, TableName: 'shop-inventory' }, 'Ignored');

    // Assess
    expect(spec.TableName).toBe('shop-inventory');
  });

  it('fails when a key schema names an unknown key type', () => {
    // Prepare
    const properties = { ...inventoryTable.Properties, KeySchema: [{ AttributeName: 'pk', KeyType: 'PRIMARY' }] };

    // Act / Assess
    expect(() => tableSpecFromTemplate(properties, 'Inventory')).toThrow(InvalidTableSpecError);
  });

  it('fails when the table has neither a plain name nor a physical name', () => {
    // Prepare
    const properties = { ...inventoryTable.Properties, TableName: { 'Fn::Join': ['-', ['a', 'b']] } };

    // Act / Assess
    expect(() => tableSpecFromTemplate(properties)).toThrow(/no plain TableName/);
  });
});

describe('createTableRequest', () => {
  it('gives provisioned indexes the table throughput when they have none', () => {
    // Prepare
    const { spec } = tableSpecFromTemplate(
      {
        ...inventoryTable.Properties,
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: '5', WriteCapacityUnits: 5 },
      },
      'Inventory',
    );

    // Act
    const request = createTableRequest(spec);

    // Assess
    expect(request.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({ ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }),
    ]);
  });

  it('fails for a provisioned table without throughput', () => {
    // Prepare
    const { spec } = tableSpecFromTemplate({ ...inventoryTable.Properties, BillingMode: 'PROVISIONED' }, 'Inventory');

    // Act / Assess
    expect(() => createTableRequest(spec)).toThrow("table 'Inventory' is provisioned but has no ProvisionedThroughput");
  });
});
