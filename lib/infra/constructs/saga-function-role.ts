import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Props of {@link addSagaFunctionRole}. */
export interface SagaFunctionRoleProps {
  /** The function's physical name; its log group is `/aws/lambda/<functionName>`. */
  readonly functionName: string;
  /** The role's description: what the function does in which saga. */
  readonly description: string;
  /** Retention of the function's log group. */
  readonly logRetention: logs.RetentionDays;
  /** What `cdk destroy` does with the log group. */
  readonly removalPolicy: RemovalPolicy;
}

/** The log group and execution role {@link addSagaFunctionRole} made. */
export interface SagaFunctionRole {
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;
}

/**
 * Adds to `scope` the log group (id `LogGroup`) and the execution role (id `Role`) of a saga
 * function, a ConsumerService's or a SagaTaskFunction's. The ids are fixed because they are
 * part of the deployed logical ids.
 *
 * An explicit role instead of AWSLambdaBasicExecutionRole: logs go to this one log group only.
 * The role's cdk-nag finding for X-Ray's `*` resource is acknowledged here, as every saga
 * function is traced.
 *
 * @example const { logGroup, role } = addSagaFunctionRole(this, { functionName, description, logRetention, removalPolicy });
 */
export function addSagaFunctionRole(scope: Construct, props: SagaFunctionRoleProps): SagaFunctionRole {
  const logGroup = new logs.LogGroup(scope, 'LogGroup', {
    logGroupName: `/aws/lambda/${props.functionName}`,
    retention: props.logRetention,
    removalPolicy: props.removalPolicy,
  });
  const role = new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: props.description,
  });
  logGroup.grantWrite(role);
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource-level permissions, so Lambda grants them on *',
  });
  return { logGroup, role };
}
