import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { OrchestratedServiceName } from '../../contracts';
import { SagaTaskFunction, type SagaTaskFunctionProps } from '../workflow/saga-task-function';
import type { PassedThroughProps, SagaDeploymentProps } from '../deployment-props';

/** Props of {@link OrchestrationServiceStack}. */
export interface OrchestrationServiceStackProps extends StackProps, SagaDeploymentProps {
  /** The service this stack holds. */
  readonly service: OrchestratedServiceName;
  /**
   * Further settings of the task function (timeout, memory, log retention and level).
   * @default - the SagaTaskFunction defaults
   */
  readonly taskProps?: PassedThroughProps<SagaTaskFunctionProps, 'service'>;
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
