import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  METRICS_NAMESPACE,
  RUNTIME_ENV,
  ORCHESTRATED_SERVICE_NAMES,
  serviceResourceNames,
  type OrchestratedServiceName,
} from '../../contracts';
import { validateStage } from '../app-config';
import type { ServiceLogLevel } from '../constructs/consumer-service';
import { SAGA_FUNCTION_DEFAULTS } from '../constructs/saga-function-defaults';
import { addSagaFunctionRole } from '../constructs/saga-function-role';
import { ServiceTable } from '../constructs/service-table';
import { InvalidInfraConfigError } from '../infra-errors';
import { PROJECT_ROOT } from '../project-paths';
import { WORKFLOW_VARIANT } from './workflow-names';
import type { SagaDeploymentProps } from '../deployment-props';

/** The Step Functions adapter of a service: `functions/<service>/task.ts`. */
export function taskEntryOf(service: OrchestratedServiceName): string {
  return join(PROJECT_ROOT, 'functions', service, 'task.ts');
}

/** Props of {@link SagaTaskFunction}. */
export interface SagaTaskFunctionProps extends SagaDeploymentProps {
  /** The service: names its table and function (`shop-orchestration-<service>`). */
  readonly service: OrchestratedServiceName;
  /**
   * The task source, bundled with esbuild; it must export `handler`.
   * @default - functions/<service>/task.ts at the project root
   */
  readonly entry?: string;
  /**
   * Function timeout (1 to 900 whole seconds). The workflow's Task timeout is derived from it.
   * @default Duration.seconds(20)
   */
  readonly timeout?: Duration;
  /**
   * Function memory in MB (128 to 10240).
   * @default 512
   */
  readonly memorySize?: number;
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

/** The defaults of {@link SagaTaskFunctionProps}. */
export const SAGA_TASK_FUNCTION_DEFAULTS = {
  timeout: Duration.seconds(20),
  memorySize: 512,
  logRetention: logs.RetentionDays.ONE_MONTH,
  logLevel: 'INFO',
  removalPolicy: RemovalPolicy.RETAIN,
} as const;

/**
 * One service of the orchestrated saga: its own table (the same keys as the choreographed
 * service's) and the task function the state machine invokes, built with the same settings as
 * a ConsumerService's function. The function may read and write its own table and write its own
 * log group, and nothing else: it neither publishes nor dead-letters (the workflow does both).
 *
 * @example new SagaTaskFunction(this, 'Payments', { service: 'payments' });
 */
export class SagaTaskFunction extends Construct {
  /** The service's state; `pk`/`sk` strings, TTL on `expiresAt`. */
  public readonly table: ServiceTable;
  /** The task handler, bundled from `entry`. */
  public readonly function: NodejsFunction;
  /** The function's log group. */
  public readonly logGroup: logs.LogGroup;
  /** The service this is. */
  public readonly service: OrchestratedServiceName;

  constructor(scope: Construct, id: string, props: SagaTaskFunctionProps) {
    super(scope, id);
    if (!ORCHESTRATED_SERVICE_NAMES.includes(props.service)) {
      throw new InvalidInfraConfigError(
        `service must be one the orchestrated workflow calls (${ORCHESTRATED_SERVICE_NAMES.join(', ')}), got '${String(props.service)}'`,
      );
    }
    validateStage(props.stage);
    const defaults = SAGA_TASK_FUNCTION_DEFAULTS;
    const timeout = props.timeout ?? defaults.timeout;
    const seconds = timeout.toMilliseconds() / 1000;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 900) {
      throw new InvalidInfraConfigError(
        `timeout must be whole seconds from 1 to 900, got '${timeout.toHumanString()}'`,
      );
    }
    const memorySize = props.memorySize ?? defaults.memorySize;
    if (!Number.isInteger(memorySize) || memorySize < 128 || memorySize > 10_240) {
      throw new InvalidInfraConfigError(`memorySize must be a whole number from 128 to 10240, got '${memorySize}'`);
    }
    const removalPolicy = props.removalPolicy ?? defaults.removalPolicy;
    this.service = props.service;
    const names = serviceResourceNames(WORKFLOW_VARIANT, props.service, props.stage);

    this.table = new ServiceTable(this, 'Table', { tableName: names.table, removalPolicy });

    const { logGroup, role } = addSagaFunctionRole(this, {
      functionName: names.functionName,
      description: `Runs the ${props.service} task of the ${WORKFLOW_VARIANT} saga`,
      logRetention: props.logRetention ?? defaults.logRetention,
      removalPolicy,
    });
    this.logGroup = logGroup;

    this.function = new NodejsFunction(this, 'Function', {
      functionName: names.functionName,
      description: `${props.service} task of the ${WORKFLOW_VARIANT} saga, invoked by its state machine`,
      entry: props.entry ?? taskEntryOf(props.service),
      ...SAGA_FUNCTION_DEFAULTS,
      timeout,
      memorySize,
      role,
      logGroup: this.logGroup,
      environment: {
        [RUNTIME_ENV.tableName]: this.table.tableName,
        [RUNTIME_ENV.variant]: WORKFLOW_VARIANT,
        [RUNTIME_ENV.serviceName]: props.service,
        [RUNTIME_ENV.metricsNamespace]: METRICS_NAMESPACE,
        [RUNTIME_ENV.logLevel]: props.logLevel ?? defaults.logLevel,
      },
    });
    this.table.grantReadWriteData(this.function);

    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'the function is only invoked synchronously by its state machine (lambda:invoke, request-response); the Task retries and catches failures, and a function DLQ applies to asynchronous invocations only',
    });
  }
}
