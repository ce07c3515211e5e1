import { join } from 'node:path';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  RUNTIME_ENV,
  ORCHESTRATED_SERVICE_NAMES,
  serviceResourceNames,
  type OrchestratedServiceName,
} from '../../contracts';
import { validateStage } from '../app-config';
import type { SagaServiceOptions } from '../constructs/saga-service-options';
import { addServiceFunction, serviceEnvironment } from '../constructs/service-function';
import { addServiceTable } from '../constructs/service-table';
import { InvalidInfraConfigError } from '../infra-errors';
import { PROJECT_ROOT } from '../project-paths';
import { WORKFLOW_VARIANT } from './workflow-names';

/** The Step Functions adapter of a service: `functions/<service>/task.ts`. */
export function taskEntryOf(service: OrchestratedServiceName): string {
  return join(PROJECT_ROOT, 'functions', service, 'task.ts');
}

/** Props of {@link SagaTaskFunction}. */
export interface SagaTaskFunctionProps extends SagaServiceOptions {
  /** The service: names its table and function (`shop-orchestration-<service>`). */
  readonly service: OrchestratedServiceName;
}

/**
 * One service of the orchestrated saga: its own table (the same keys as the choreographed
 * service's, addServiceTable) and the task function the state machine invokes, built as a
 * ConsumerService's function is (addServiceFunction). The function may read and write its own
 * table and write its own log group, and nothing else: it neither publishes nor dead-letters (the
 * workflow does both).
 *
 * @example new SagaTaskFunction(this, 'Payments', { service: 'payments' });
 */
export class SagaTaskFunction extends Construct {
  /** The service's state; `pk`/`sk` strings, TTL on `expiresAt`. */
  public readonly table: dynamodb.Table;
  /** The task handler. */
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
    this.service = props.service;
    const names = serviceResourceNames(WORKFLOW_VARIANT, props.service, props.stage);

    this.table = addServiceTable(this, 'Table', { ...props, tableName: names.table });
    const task = addServiceFunction(this, {
      ...props,
      functionName: names.functionName,
      description: `${props.service} task of the ${WORKFLOW_VARIANT} saga, invoked by its state machine`,
      roleDescription: `Runs the ${props.service} task of the ${WORKFLOW_VARIANT} saga`,
      entry: taskEntryOf(props.service),
      environment: {
        [RUNTIME_ENV.tableName]: this.table.tableName,
        ...serviceEnvironment(WORKFLOW_VARIANT, props.service, props.logLevel),
      },
      table: this.table,
      invokedSynchronouslyBecause:
        'the function is only invoked synchronously by its state machine (lambda:invoke, request-response); the Task retries and catches failures, and a function DLQ applies to asynchronous invocations only',
    });
    this.function = task.function;
    this.logGroup = task.logGroup;
  }
}
