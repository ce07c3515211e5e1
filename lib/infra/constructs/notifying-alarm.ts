import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

/**
 * Alarm settings for a count that should stay at zero (messages in a dead-letter queue, failed
 * executions): one datapoint above zero raises it, and no data means nothing went wrong.
 */
export const ANY_DATAPOINT_ABOVE_ZERO = {
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  threshold: 0,
  evaluationPeriods: 1,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
} as const satisfies Partial<cloudwatch.AlarmProps>;

/**
 * Adds an alarm whose ALARM and OK transitions both go to `action` (the saga's alarm topic), so
 * that whoever is paged also learns when it is over.
 *
 * @example addNotifyingAlarm(this, 'ExecutionsFailed', new SnsAction(topic), { metric, ...ANY_DATAPOINT_ABOVE_ZERO });
 */
export function addNotifyingAlarm(
  scope: Construct,
  id: string,
  action: cloudwatch.IAlarmAction,
  props: cloudwatch.AlarmProps,
): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, props);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
}
