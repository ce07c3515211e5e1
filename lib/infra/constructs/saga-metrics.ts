import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { METRICS_NAMESPACE, serviceResourceNames, type ServiceName, type Variant } from '../../contracts';

/**
 * The metrics of one consumer service, addressed by the physical names its resources are given
 * (serviceResourceNames). Building them from names rather than from the constructs keeps the
 * operations stack free of CloudFormation exports from the service stacks.
 */
export interface ServiceMetrics {
  readonly service: ServiceName;
  /** Messages waiting in the consumer queue (maximum per minute). */
  readonly queueDepth: cloudwatch.Metric;
  /** Age of the oldest message in the consumer queue, in seconds (maximum per minute). */
  readonly oldestMessageAge: cloudwatch.Metric;
  /** Messages in the consumer queue's dead-letter queue. */
  readonly deadLetterDepth: cloudwatch.Metric;
  /** Events in the rule targets' dead-letter queue. */
  readonly targetDeadLetterDepth: cloudwatch.Metric;
  /** Function errors (sum per minute). */
  readonly errors: cloudwatch.Metric;
  /** Function duration (p99 per minute). */
  readonly duration: cloudwatch.Metric;
}

/** The business outcomes the handlers count (Powertools Metrics, namespace METRICS_NAMESPACE). */
export const BUSINESS_METRIC_NAMES = ['OrdersConfirmed', 'OrdersCancelled', 'PaymentsDeclined', 'StockOuts'] as const;
export type BusinessMetricName = (typeof BUSINESS_METRIC_NAMES)[number];

const ONE_MINUTE = Duration.minutes(1);

/** The visible-message count of an SQS queue, by name. */
export function queueDepthMetric(queueName: string, label = queueName): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensionsMap: { QueueName: queueName },
    statistic: cloudwatch.Stats.MAXIMUM,
    period: ONE_MINUTE,
    label,
  });
}

/** The metrics of one consumer service of a variant and stage. */
export function serviceMetricsOf(variant: Variant, service: ServiceName, stage?: string): ServiceMetrics {
  const names = serviceResourceNames(variant, service, stage);
  const lambdaMetric = (metricName: string, statistic: string) =>
    new cloudwatch.Metric({
      namespace: 'AWS/Lambda',
      metricName,
      dimensionsMap: { FunctionName: names.functionName },
      statistic,
      period: ONE_MINUTE,
      label: service,
    });
  return {
    service,
    queueDepth: queueDepthMetric(names.queue, service),
    oldestMessageAge: new cloudwatch.Metric({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateAgeOfOldestMessage',
      dimensionsMap: { QueueName: names.queue },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: ONE_MINUTE,
      label: service,
    }),
    deadLetterDepth: queueDepthMetric(names.deadLetterQueue, `${service} dlq`),
    targetDeadLetterDepth: queueDepthMetric(names.targetDeadLetterQueue, `${service} target dlq`),
    errors: lambdaMetric('Errors', cloudwatch.Stats.SUM),
    duration: lambdaMetric('Duration', cloudwatch.Stats.percentile(99)),
  };
}

/**
 * One business metric summed over every dimension set the handlers emit it with (Powertools
 * adds `service`, and a handler may add more), so the graph does not depend on those choices.
 */
export function businessMetric(
  metricName: BusinessMetricName,
  period: Duration = Duration.minutes(5),
): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: `SUM(SEARCH('Namespace="${METRICS_NAMESPACE}" MetricName="${metricName}"', 'Sum', ${period.toSeconds()}))`,
    usingMetrics: {},
    label: metricName,
    period,
  });
}
