import { z } from 'zod';
import { InvalidTableSpecError } from './dynamodb-errors';

const cfnBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

const keySchema = z
  .array(z.object({ AttributeName: z.string().min(1), KeyType: z.enum(['HASH', 'RANGE']) }))
  .min(1)
  .max(2);

const throughput = z.object({
  ReadCapacityUnits: z.coerce.number().int().positive(),
  WriteCapacityUnits: z.coerce.number().int().positive(),
});

const projection = z.object({
  ProjectionType: z.enum(['ALL', 'KEYS_ONLY', 'INCLUDE']),
  NonKeyAttributes: z.array(z.string().min(1)).optional(),
});

/**
 * What the local DynamoDB creates a table from: the members of an `AWS::DynamoDB::Table`'s
 * `Properties` it supports, under their CloudFormation names, with the physical table name
 * resolved. Unknown members are stripped (see `tableSpecFromTemplate` for the ones it reports).
 */
export const tableSpecSchema = z.object({
  TableName: z
    .string()
    .min(3)
    .max(255)
    .regex(/^[a-zA-Z0-9_.-]+$/),
  KeySchema: keySchema,
  AttributeDefinitions: z
    .array(z.object({ AttributeName: z.string().min(1), AttributeType: z.enum(['S', 'N', 'B']) }))
    .min(1),
  GlobalSecondaryIndexes: z
    .array(
      z.object({
        IndexName: z.string().min(3),
        KeySchema: keySchema,
        Projection: projection,
        ProvisionedThroughput: throughput.optional(),
      }),
    )
    .optional(),
  LocalSecondaryIndexes: z
    .array(z.object({ IndexName: z.string().min(3), KeySchema: keySchema, Projection: projection }))
    .optional(),
  BillingMode: z.enum(['PROVISIONED', 'PAY_PER_REQUEST']).optional(),
  ProvisionedThroughput: throughput.optional(),
  TimeToLiveSpecification: z.object({ AttributeName: z.string().min(1).optional(), Enabled: cfnBoolean }).optional(),
});

/** A table to create; see `tableSpecSchema`. */
export type TableSpec = z.input<typeof tableSpecSchema>;

/** The table properties the local DynamoDB honours; anything else in a template is ignored. */
const SUPPORTED_PROPERTIES = new Set(Object.keys(tableSpecSchema.shape));

/** A spec read from a template, with the properties dynalite cannot honour. */
export interface TemplateTableSpec {
  readonly spec: TableSpec;
  /**
   * Template properties the local DynamoDB ignores: no streams, encryption, point-in-time
   * recovery, deletion protection, table class, tags or contributor insights.
   */
  readonly ignoredProperties: readonly string[];
}

/**
 * Reads an `AWS::DynamoDB::Table` resource's `Properties` from a synthesized template.
 *
 * @param properties the resource's `Properties`
 * @param physicalName the table name to use when `TableName` is absent or not a plain string
 *   (CloudFormation would generate one; the local cloud decides it)
 * @throws InvalidTableSpecError when the properties do not describe a table
 * @example
 * const { spec } = tableSpecFromTemplate(resource.Properties, 'Choreography-Inventory-Table');
 * await dynamodb.ensureTables([spec]);
 */
export function tableSpecFromTemplate(properties: unknown, physicalName?: string): TemplateTableSpec {
  if (typeof properties !== 'object' || properties === null) {
    throw new InvalidTableSpecError(`table properties must be an object, got '${JSON.stringify(properties)}'`);
  }
  const record = properties as Record<string, unknown>;
  const tableName = typeof record.TableName === 'string' ? record.TableName : physicalName;
  if (!tableName) {
    throw new InvalidTableSpecError(
      `table has no plain TableName ('${JSON.stringify(record.TableName)}') and no physical name`,
    );
  }
  const spec = parseTableSpec({ ...record, TableName: tableName });
  const ignoredProperties = Object.keys(record).filter((name) => !SUPPORTED_PROPERTIES.has(name));
  return { spec, ignoredProperties };
}

/** Validates a spec; throws `InvalidTableSpecError` naming the table and the problems. */
export function parseTableSpec(spec: unknown): z.output<typeof tableSpecSchema> {
  const result = tableSpecSchema.safeParse(spec);
  if (!result.success) {
    const name = (spec as { TableName?: unknown } | null)?.TableName;
    throw new InvalidTableSpecError(`table spec '${String(name)}' is invalid: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/**
 * The CreateTable request for a spec. On-demand tables drop all provisioned throughput (AWS
 * refuses it); provisioned indexes without their own throughput take the table's.
 */
export function createTableRequest(spec: TableSpec): Record<string, unknown> {
  const parsed = parseTableSpec(spec);
  const onDemand = parsed.BillingMode === 'PAY_PER_REQUEST';
  if (!onDemand && !parsed.ProvisionedThroughput) {
    throw new InvalidTableSpecError(`table '${parsed.TableName}' is provisioned but has no ProvisionedThroughput`);
  }
  return {
    TableName: parsed.TableName,
    KeySchema: parsed.KeySchema,
    AttributeDefinitions: parsed.AttributeDefinitions,
    ...(onDemand ? { BillingMode: 'PAY_PER_REQUEST' } : { ProvisionedThroughput: parsed.ProvisionedThroughput }),
    ...(parsed.GlobalSecondaryIndexes?.length
      ? {
          GlobalSecondaryIndexes: parsed.GlobalSecondaryIndexes.map(({ ProvisionedThroughput, ...index }) => ({
            ...index,
            ...(onDemand ? {} : { ProvisionedThroughput: ProvisionedThroughput ?? parsed.ProvisionedThroughput }),
          })),
        }
      : {}),
    ...(parsed.LocalSecondaryIndexes?.length ? { LocalSecondaryIndexes: parsed.LocalSecondaryIndexes } : {}),
  };
}
