import type { KeySchemaElement, SecondaryIndexModel, TableModel } from '../app-model';
import { toBoolean, toRecord, type ResourceProperties } from '../resource-properties';

/** The `AWS::DynamoDB::Table` properties a `GlobalTable` (CDK `TableV2`) has too. */
const TABLE_SHAPED_MEMBERS = [
  'TableName',
  'KeySchema',
  'AttributeDefinitions',
  'BillingMode',
  'LocalSecondaryIndexes',
  'StreamSpecification',
  'TimeToLiveSpecification',
  'SSESpecification',
];

/** `AWS::DynamoDB::Table` or `AWS::DynamoDB::GlobalTable`. */
export function readTable(props: ResourceProperties, type: string): TableModel {
  const name = props.physicalName;
  const resolved = props.all();
  const properties = type === 'AWS::DynamoDB::GlobalTable' ? globalTableAsTable(resolved) : { ...resolved };
  properties.TableName = name;
  const ttl = toRecord(properties.TimeToLiveSpecification);
  const stream = toRecord(properties.StreamSpecification);
  return {
    ...props.origin,
    name,
    arn: String(props.scope.getAtt(props.logicalId, 'Arn')),
    ...(stream
      ? {
          streamArn: String(props.scope.getAtt(props.logicalId, 'StreamArn')),
          streamViewType: String(stream.StreamViewType),
        }
      : {}),
    keySchema: keySchemaOf(properties.KeySchema),
    attributeDefinitions: (Array.isArray(properties.AttributeDefinitions) ? properties.AttributeDefinitions : []).map(
      (definition) => {
        const record = toRecord(definition) ?? {};
        return { attributeName: String(record.AttributeName), attributeType: String(record.AttributeType) };
      },
    ),
    globalSecondaryIndexes: indexesOf(properties.GlobalSecondaryIndexes),
    localSecondaryIndexes: indexesOf(properties.LocalSecondaryIndexes),
    billingMode: typeof properties.BillingMode === 'string' ? properties.BillingMode : 'PROVISIONED',
    ...(ttl && typeof ttl.AttributeName === 'string'
      ? { timeToLive: { attributeName: ttl.AttributeName, enabled: toBoolean(ttl.Enabled) ?? false } }
      : {}),
    properties,
  };
}

function globalTableAsTable(properties: Record<string, unknown>): Record<string, unknown> {
  const table: Record<string, unknown> = {};
  for (const member of TABLE_SHAPED_MEMBERS) {
    if (properties[member] !== undefined) {
      table[member] = properties[member];
    }
  }
  if (Array.isArray(properties.GlobalSecondaryIndexes)) {
    // Global table indexes carry per-replica capacity settings a plain table does not have.
    table.GlobalSecondaryIndexes = properties.GlobalSecondaryIndexes.map((index) => {
      const { IndexName, KeySchema, Projection } = toRecord(index) ?? {};
      return { IndexName, KeySchema, Projection };
    });
  }
  table.BillingMode ??= 'PAY_PER_REQUEST';
  return table;
}

function keySchemaOf(value: unknown): KeySchemaElement[] {
  return (Array.isArray(value) ? value : []).map((element) => {
    const record = toRecord(element) ?? {};
    return { attributeName: String(record.AttributeName), keyType: record.KeyType === 'RANGE' ? 'RANGE' : 'HASH' };
  });
}

function indexesOf(value: unknown): SecondaryIndexModel[] {
  return (Array.isArray(value) ? value : []).map((element) => {
    const index = toRecord(element) ?? {};
    const projection = toRecord(index.Projection) ?? {};
    return {
      indexName: String(index.IndexName),
      keySchema: keySchemaOf(index.KeySchema),
      projectionType: typeof projection.ProjectionType === 'string' ? projection.ProjectionType : 'KEYS_ONLY',
      ...(Array.isArray(projection.NonKeyAttributes)
        ? { nonKeyAttributes: projection.NonKeyAttributes.map(String) }
        : {}),
    };
  });
}
