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

/** A graph of `metrics` on the left axis, one row high. */
function graph(title: string, width: number, metrics: readonly cloudwatch.IMetric[]): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: [...metrics], width, height: HEIGHT });
}

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
      graph(
        'Business outcomes (per 5 minutes)',
        WIDTH_HALF,
        BUSINESS_METRIC_NAMES.map((name) => businessMetric(name)),
      ),
      new cloudwatch.SingleValueWidget({
        title: 'Business outcomes (last 3 hours)',
        metrics: BUSINESS_METRIC_NAMES.map((name) => businessMetric(name, Duration.hours(3))),
        width: WIDTH_HALF,
        height: HEIGHT,
      }),
    );
    const perService = (title: string, metricOf: (service: ServiceMetrics) => cloudwatch.IMetric) =>
      graph(title, WIDTH_HALF, services.map(metricOf));
    this.dashboard.addWidgets(
      perService('Consumer queue depth (visible messages)', (service) => service.queueDepth),
      perService('Oldest message age (seconds)', (service) => service.oldestMessageAge),
    );
    this.dashboard.addWidgets(
      graph('Dead-letter queue depth', WIDTH_FULL, [
        ...services.flatMap((service) => [service.deadLetterDepth, service.targetDeadLetterDepth]),
        ...(props.extraDeadLetterDepths ?? []),
      ]),
    );
    this.dashboard.addWidgets(
      perService('Function errors', (service) => service.errors),
      perService('Function duration p99 (ms)', (service) => service.duration),
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
