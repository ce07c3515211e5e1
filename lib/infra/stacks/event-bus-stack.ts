import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Variant } from '../../contracts';
import { SagaEventBus } from '../constructs/saga-event-bus';

/** Props of {@link EventBusStack}. */
export interface EventBusStackProps extends StackProps {
  /** The variant whose bus this is. */
  readonly variant: Variant;
  /**
   * Stage prefix of the bus and its resources.
   * @default - no prefix
   */
  readonly stage?: string;
  /**
   * What `cdk destroy` does with the archive, the audit log group and its dead-letter queue.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** `Choreography-Bus`: the variant's event bus, its archive and its audit trail. */
export class EventBusStack extends Stack {
  /** The bus, its archive and its audit trail. */
  public readonly sagaBus: SagaEventBus;

  constructor(scope: Construct, id: string, props: EventBusStackProps) {
    super(scope, id, props);
    this.sagaBus = new SagaEventBus(this, 'SagaBus', {
      variant: props.variant,
      stage: props.stage,
      removalPolicy: props.removalPolicy,
    });
  }
}
