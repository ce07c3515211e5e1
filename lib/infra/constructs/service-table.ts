import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { SagaServiceOptions } from './saga-service-options';

/** Key schema and TTL attribute of every service table (the stores in functions/ rely on them). */
export const SERVICE_TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk', timeToLive: 'expiresAt' } as const;

/** Props of {@link addServiceTable}. */
export interface ServiceTableProps extends Pick<SagaServiceOptions, 'tableProps' | 'removalPolicy'> {
  /** Physical table name (`shop-<variant>-<service>`, see serviceResourceNames). */
  readonly tableName: string;
}

/**
 * Adds to `scope` the table of one saga service, the same in both variants so that the stores in
 * functions/ serve either: `pk`/`sk` strings, TTL on `expiresAt`, on-demand billing, point-in-time
 * recovery and AWS-managed encryption, then `tableProps` over them.
 *
 * It adds a plain `dynamodb.Table` with the given id, so the table keeps the construct path (and
 * so the logical id) it has always had: a new path would make CloudFormation replace the table
 * and lose its data.
 *
 * @example const table = addServiceTable(this, 'Table', { tableName: names.table, removalPolicy });
 */
export function addServiceTable(scope: Construct, id: string, props: ServiceTableProps): dynamodb.Table {
  return new dynamodb.Table(scope, id, {
    tableName: props.tableName,
    partitionKey: { name: SERVICE_TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
    sortKey: { name: SERVICE_TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
    timeToLiveAttribute: SERVICE_TABLE_KEYS.timeToLive,
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    ...props.tableProps,
  });
}
