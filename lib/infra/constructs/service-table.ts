import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

/** Key schema and TTL attribute of every service table (the stores in functions/ rely on them). */
export const SERVICE_TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk', timeToLive: 'expiresAt' } as const;

/** Props of {@link ServiceTable}. */
export interface ServiceTableProps {
  /** Physical table name (`shop-<variant>-<service>`, see serviceResourceNames). */
  readonly tableName: string;
  /**
   * What `cdk destroy` does with the table.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The table of one saga service, the same in both variants so that the stores in functions/
 * serve either: `pk`/`sk` strings, TTL on `expiresAt`, on-demand billing, point-in-time
 * recovery and AWS-managed encryption.
 *
 * It is a `dynamodb.Table` (not a wrapper around one) so that the table keeps the construct
 * path, and so the logical id, it had when the services built it themselves: a new path would
 * make CloudFormation replace the table and lose its data.
 *
 * @example new ServiceTable(this, 'Table', { tableName: names.table, removalPolicy });
 */
export class ServiceTable extends dynamodb.Table {
  constructor(scope: Construct, id: string, props: ServiceTableProps) {
    super(scope, id, {
      tableName: props.tableName,
      partitionKey: { name: SERVICE_TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: SERVICE_TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: SERVICE_TABLE_KEYS.timeToLive,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}
