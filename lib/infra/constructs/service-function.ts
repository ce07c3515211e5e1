import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE, RUNTIME_ENV, type ServiceName, type Variant } from '../../contracts';
import { checkWholeNumbers, wholeSecondsOf } from '../prop-ranges';
import { SAGA_FUNCTION_DEFAULTS, SAGA_LOG_RETENTION, type ServiceLogLevel } from './saga-function-defaults';
import { addSagaFunctionRole } from './saga-function-role';
import type { SagaServiceOptions } from './saga-service-options';

/** Props of {@link addServiceFunction}. */
export interface ServiceFunctionProps extends Pick<
  SagaServiceOptions,
  'functionProps' | 'logRetention' | 'removalPolicy'
> {
  /** The function's physical name; its log group is `/aws/lambda/<functionName>`. */
  readonly functionName: string;
  /** What the function does, on the function. */
  readonly description: string;
  /** What the function does in which saga, on its execution role. */
  readonly roleDescription: string;
  /** The source bundled with esbuild, unless `functionProps.entry`; it must export `handler`. */
  readonly entry: string;
  /** The environment the code reads (see {@link serviceEnvironment}); `functionProps.environment` is added over it. */
  readonly environment: Readonly<Record<string, string>>;
  /** The service's table, which the function may read and write. */
  readonly table: dynamodb.ITable;
  /** Who invokes the function synchronously, which is why it needs no function DLQ (cdk-nag Serverless-LambdaDLQ). */
  readonly invokedSynchronouslyBecause: string;
}

/** What {@link addServiceFunction} added. */
export interface ServiceFunction {
  readonly function: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;
}

/**
 * The variables every saga function reads, in either variant: its variant, its service name and
 * metrics namespace for Powertools, and its log level.
 */
export function serviceEnvironment(variant: Variant, service: ServiceName, logLevel: ServiceLogLevel = 'INFO') {
  return {
    [RUNTIME_ENV.variant]: variant,
    [RUNTIME_ENV.serviceName]: service,
    [RUNTIME_ENV.metricsNamespace]: METRICS_NAMESPACE,
    [RUNTIME_ENV.logLevel]: logLevel,
  };
}

/**
 * Adds to `scope` the function of one saga service, a ConsumerService's or a SagaTaskFunction's:
 * its log group and execution role (ids `LogGroup` and `Role`, see addSagaFunctionRole), then the
 * function (id `Function`) with `functionProps` over SAGA_FUNCTION_DEFAULTS, allowed to read and
 * write its own table. The ids are fixed because they are part of the deployed logical ids.
 *
 * @example const { function: fn } = addServiceFunction(this, { functionName, description, roleDescription, entry, environment, table, invokedSynchronouslyBecause });
 */
export function addServiceFunction(scope: Construct, props: ServiceFunctionProps): ServiceFunction {
  const { environment: extraEnvironment, ...functionProps } = props.functionProps ?? {};
  const settings = { ...SAGA_FUNCTION_DEFAULTS, ...functionProps };
  wholeSecondsOf('timeout', settings.timeout, 1, 900);
  checkWholeNumbers([{ name: 'memorySize', value: settings.memorySize, min: 128, max: 10_240 }]);

  const { logGroup, role } = addSagaFunctionRole(scope, {
    functionName: props.functionName,
    description: props.roleDescription,
    logRetention: props.logRetention ?? SAGA_LOG_RETENTION,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  });
  const fn = new NodejsFunction(scope, 'Function', {
    functionName: props.functionName,
    description: props.description,
    entry: props.entry,
    role,
    logGroup,
    ...settings,
    environment: { ...props.environment, ...extraEnvironment },
  });
  props.table.grantReadWriteData(fn);
  Validations.of(fn).acknowledge({ id: 'Serverless-LambdaDLQ', reason: props.invokedSynchronouslyBecause });
  return { function: fn, logGroup, role };
}
