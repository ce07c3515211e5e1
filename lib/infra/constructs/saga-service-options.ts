import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { SagaDeploymentProps } from '../deployment-props';
import type { ServiceLogLevel } from './saga-function-defaults';

/**
 * What the construct of a saga service passes through to its table and its function, in either
 * variant (ConsumerService, SagaTaskFunction): the CDK props a user knows, merged over the defaults.
 */
export interface SagaServiceOptions extends SagaDeploymentProps {
  /**
   * CDK table props merged over the service table's defaults. The keys and the TTL attribute are
   * what the stores in functions/ read and write: change them with the stores.
   * @default - `pk`/`sk` strings, TTL on `expiresAt`, on-demand billing, point-in-time recovery, AWS-managed encryption
   */
  readonly tableProps?: Partial<dynamodb.TableProps>;
  /**
   * CDK function props merged over the defaults (`entry`, `timeout`, `memorySize`, `environment`
   * added to the variables the code reads...).
   * @default - the service's adapter in functions/<service>/, and SAGA_FUNCTION_DEFAULTS: Node.js 24 on arm64, 512 MB, 20 s, active tracing, JSON logs
   */
  readonly functionProps?: Partial<NodejsFunctionProps>;
  /**
   * Retention of the function's log group.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Powertools log level (POWERTOOLS_LOG_LEVEL).
   * @default 'INFO'
   */
  readonly logLevel?: ServiceLogLevel;
}
