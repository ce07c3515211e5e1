import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ServiceName, Variant } from '../../contracts';
import { ConsumerService, type ConsumerServiceProps } from '../constructs/consumer-service';
import type { PassedThroughProps, SagaDeploymentProps } from '../deployment-props';
import { SagaEventBus } from '../constructs/saga-event-bus';

/** Props of {@link ConsumerServiceStack}. */
export interface ConsumerServiceStackProps extends StackProps, SagaDeploymentProps {
  /** The saga variant (names the resources). */
  readonly variant: Variant;
  /** The service this stack holds. */
  readonly service: ServiceName;
  /**
   * Further settings of the service: the CDK props it passes through (`functionProps`,
   * `queueProps`, `tableProps`, `eventSourceProps`, `targetProps`), existing resources, receive budgets...
   * @default - the ConsumerService defaults
   */
  readonly serviceProps?: PassedThroughProps<ConsumerServiceProps, 'service' | 'variant' | 'eventBus'>;
}

/**
 * `Choreography-<Service>`: one consumer service. The bus is found by its fixed name rather
 * than through a CloudFormation export, so the bus stack never blocks a service stack's update
 * or removal; the app adds the stack dependency that orders deployment.
 */
export class ConsumerServiceStack extends Stack {
  /** The service's table, queues, function and rules. */
  public readonly consumer: ConsumerService;

  constructor(scope: Construct, id: string, props: ConsumerServiceStackProps) {
    super(scope, id, props);
    const eventBus = SagaEventBus.fromVariant(this, 'Bus', props.variant, props.stage);
    this.consumer = new ConsumerService(this, 'Service', {
      ...props.serviceProps,
      service: props.service,
      variant: props.variant,
      stage: props.stage,
      eventBus,
      removalPolicy: props.removalPolicy,
    });
  }
}
