import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { busName, type ServiceName, type Variant } from '../../contracts';
import { SagaAlarms } from '../constructs/saga-alarms';
import { SagaDashboard } from '../constructs/saga-dashboard';
import { sagaBusResourceNames } from '../constructs/saga-event-bus';
import { queueDepthMetric, serviceMetricsOf } from '../constructs/saga-metrics';
import type { SagaDeploymentProps } from '../deployment-props';

/** Props of {@link OperationsStack}. */
export interface OperationsStackProps extends StackProps, SagaDeploymentProps {
  /** The saga variant whose resources are watched. */
  readonly variant: Variant;
  /** The services to watch. */
  readonly services: readonly ServiceName[];
  /**
   * Address subscribed to the alarm topic.
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /**
   * Age of a consumer queue's oldest message that raises an alarm.
   * @default Duration.minutes(5)
   */
  readonly oldestMessageAgeThreshold?: Duration;
}

/**
 * `Choreography-Operations`: the alarm topic, alarms on every dead-letter queue and on the age
 * of every consumer queue, and the variant's dashboard. Metrics are addressed by the fixed
 * physical names, so this stack imports nothing from the others.
 */
export class OperationsStack extends Stack {
  /** The alarm topic and every alarm. */
  public readonly alarms: SagaAlarms;
  /** The variant's dashboard. */
  public readonly dashboard: SagaDashboard;

  constructor(scope: Construct, id: string, props: OperationsStackProps) {
    super(scope, id, props);
    const services = props.services.map((service) => serviceMetricsOf(props.variant, service, props.stage));
    const auditDeadLetterQueue = sagaBusResourceNames(props.variant, props.stage).auditDeadLetterQueue;
    const prefix = busName(props.variant, props.stage);

    this.alarms = new SagaAlarms(this, 'Alarms', {
      namePrefix: prefix,
      services,
      extraDeadLetterQueueNames: [auditDeadLetterQueue],
      oldestMessageAgeThreshold: props.oldestMessageAgeThreshold,
      alarmEmail: props.alarmEmail,
      removalPolicy: props.removalPolicy,
    });
    this.dashboard = new SagaDashboard(this, 'Dashboard', {
      dashboardName: prefix,
      services,
      alarms: this.alarms.alarms,
      extraDeadLetterDepths: [queueDepthMetric(auditDeadLetterQueue, 'audit dlq')],
    });
  }
}
