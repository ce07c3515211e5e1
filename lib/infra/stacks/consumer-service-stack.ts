import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { busName, type ServiceName, type Variant } from '../../contracts';
import { ConsumerService, type ConsumerServiceProps } from '../constructs/consumer-service';

/** Props of {@link ConsumerServiceStack}. */
export interface ConsumerServiceStackProps extends StackProps {
  /** The saga variant (names the resources). */
  readonly variant: Variant;
  /** The service this stack holds. */
  readonly service: ServiceName;
  /**
   * Stage prefix of every physical name.
   * @default - no prefix
   */
  readonly stage?: string;
  /**
   * What `cdk destroy` does with the table, queues and log group.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Further settings of the service (batching, concurrency, timeout, memory...).
   * @default - the ConsumerService defaults
   */
  readonly serviceProps?: Partial<
    Omit<ConsumerServiceProps, 'service' | 'variant' | 'stage' | 'eventBus' | 'removalPolicy'>
  >;
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
    const eventBus = events.EventBus.fromEventBusName(this, 'Bus', busName(props.variant, props.stage));
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
