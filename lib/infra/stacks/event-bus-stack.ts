import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Variant } from '../../contracts';
import { SagaEventBus } from '../constructs/saga-event-bus';
import type { SagaDeploymentProps } from '../deployment-props';

/** Props of {@link EventBusStack}. */
export interface EventBusStackProps extends StackProps, SagaDeploymentProps {
  /** The variant whose bus this is. */
  readonly variant: Variant;
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
