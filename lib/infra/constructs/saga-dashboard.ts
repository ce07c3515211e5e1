import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { BUSINESS_METRIC_NAMES, businessMetric, type ServiceMetrics } from './saga-metrics';

/** Props of {@link SagaDashboard}. */
export interface SagaDashboardProps {
  /** The dashboard's name (the variant's bus name with its stage prefix). */
  readonly dashboardName: string;
  /** The services to chart. */
  readonly services: readonly ServiceMetrics[];
  /**
   * Alarms to show as a status grid.
   * @default - no alarm widget
   */
  readonly alarms?: readonly cloudwatch.IAlarm[];
  /**
   * Further dead-letter queue depths to chart (the bus's audit DLQ).
   * @default - none
   */
  readonly extraDeadLetterDepths?: readonly cloudwatch.IMetric[];
}

const WIDTH_HALF = 12;
const WIDTH_FULL = 24;
const HEIGHT = 6;

/**
 * One dashboard for a saga variant: business outcomes, queue depth and age, dead-letter
 * depth, function errors and duration, and the state of every alarm.
 */
export class SagaDashboard extends Construct {
  /** The CloudWatch dashboard, named `props.dashboardName`. */
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: SagaDashboardProps) {
    super(scope, id);
    const { services } = props;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(3),
    });

    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Business outcomes (per 5 minutes)',
        left: BUSINESS_METRIC_NAMES.map((name) => businessMetric(name)),
        width: WIDTH_HALF,
        height: HEIGHT,
      }),
      new cloudwatch.SingleValueWidget({
        title: 'Business outcomes (last 3 hours)',
        metrics: BUSINESS_METRIC_NAMES.map((name) => businessMetric(name, Duration.hours(3))),
        width: WIDTH_HALF,
        height: HEIGHT,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Consumer queue depth (visible messages)',
        left: services.map((service) => service.queueDepth),
        width: WIDTH_HALF,
        height: HEIGHT,
      }),
      new cloudwatch.GraphWidget({
        title: 'Oldest message age (seconds)',
        left: services.map((service) => service.oldestMessageAge),
        width: WIDTH_HALF,
        height: HEIGHT,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queue depth',
        left: [
          ...services.flatMap((service) => [service.deadLetterDepth, service.targetDeadLetterDepth]),
          ...(props.extraDeadLetterDepths ?? []),
        ],
        width: WIDTH_FULL,
        height: HEIGHT,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Function errors',
        left: services.map((service) => service.errors),
        width: WIDTH_HALF,
        height: HEIGHT,
      }),
      new cloudwatch.GraphWidget({
        title: 'Function duration p99 (ms)',
        left: services.map((service) => service.duration),
        width: WIDTH_HALF,
        height: HEIGHT,
      }),
    );
    if (props.alarms && props.alarms.length > 0) {
      this.dashboard.addWidgets(
        new cloudwatch.AlarmStatusWidget({
          title: 'Alarms',
          alarms: [...props.alarms],
          width: WIDTH_FULL,
        }),
      );
    }
  }
}
