import { Stack, type RemovalPolicy, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { OrchestratedServiceName } from '../../contracts';
import { SagaTaskFunction, type SagaTaskFunctionProps } from '../workflow/saga-task-function';

/** Props of {@link OrchestrationServiceStack}. */
export interface OrchestrationServiceStackProps extends StackProps {
  /** The service this stack holds. */
  readonly service: OrchestratedServiceName;
  /**
   * Stage prefix of every physical name.
   * @default - no prefix
   */
  readonly stage?: string;
  /**
   * What `cdk destroy` does with the table and log group.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Further settings of the task function (timeout, memory, log retention and level).
   * @default - the SagaTaskFunction defaults
   */
  readonly taskProps?: Partial<Omit<SagaTaskFunctionProps, 'service' | 'stage' | 'removalPolicy'>>;
}

/**
 * `Orchestration-<Service>`: one service's table and task function. The workflow stack finds the
 * function by its fixed name, so this stack exports nothing and can be updated or replaced alone.
 */
export class OrchestrationServiceStack extends Stack {
  /** The service's table and task function. */
  public readonly task: SagaTaskFunction;

  constructor(scope: Construct, id: string, props: OrchestrationServiceStackProps) {
    super(scope, id, props);
    this.task = new SagaTaskFunction(this, 'Task', {
      ...props.taskProps,
      service: props.service,
      stage: props.stage,
      removalPolicy: props.removalPolicy,
    });
  }
}
