import { Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { ORCHESTRATED_SERVICE_NAMES, serviceResourceNames, type OrchestratedServiceName } from '../../contracts';
import { stackPartOf } from '../variant-stack-placement';
import { SagaStateMachine, type SagaStateMachineProps } from '../workflow/saga-state-machine';
import { WORKFLOW_VARIANT } from '../workflow/workflow-names';
import type { PassedThroughProps, SagaDeploymentProps } from '../deployment-props';
import { SagaEventBus } from '../constructs/saga-event-bus';

/** Props of {@link OrchestrationWorkflowStack}. */
export interface OrchestrationWorkflowStackProps extends StackProps, SagaDeploymentProps {
  /**
   * STANDARD or EXPRESS.
   * @default sfn.StateMachineType.STANDARD
   */
  readonly stateMachineType?: sfn.StateMachineType;
  /**
   * Further settings of the state machine (timeouts, retry tuning, rule target retries).
   * @default - the SagaStateMachine defaults
   */
  readonly workflowProps?: PassedThroughProps<SagaStateMachineProps, 'eventBus' | 'taskFunctions' | 'stateMachineType'>;
}

/**
 * `Orchestration-Workflow`: the saga's state machine, its log group, and the OrderPlaced rule
 * that starts it. The bus and the task functions are found by their fixed names (no exports);
 * the app declares the stack dependencies that order deployment.
 */
export class OrchestrationWorkflowStack extends Stack {
  /** The state machine, its log group, rule and target dead-letter queue. */
  public readonly workflow: SagaStateMachine;

  constructor(scope: Construct, id: string, props: OrchestrationWorkflowStackProps) {
    super(scope, id, props);
    const eventBus = SagaEventBus.fromVariant(this, 'Bus', WORKFLOW_VARIANT, props.stage);
    const taskFunctions = Object.fromEntries(
      ORCHESTRATED_SERVICE_NAMES.map((service) => [
        service,
        lambda.Function.fromFunctionName(
          this,
          `${stackPartOf(service)}Task`,
          serviceResourceNames(WORKFLOW_VARIANT, service, props.stage).functionName,
        ),
      ]),
    ) as Record<OrchestratedServiceName, lambda.IFunction>;
    this.workflow = new SagaStateMachine(this, 'Saga', {
      ...props.workflowProps,
      eventBus,
      taskFunctions,
      stage: props.stage,
      stateMachineType: props.stateMachineType,
      removalPolicy: props.removalPolicy,
    });
  }
}
