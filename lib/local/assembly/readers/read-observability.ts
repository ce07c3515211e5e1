import type { AlarmModel, LogGroupModel, TopicModel, TopicSubscriptionModel } from '../app-model';
import { toNumber, toRecord, type ResourceProperties } from '../resource-properties';

/** `AWS::Logs::LogGroup`. */
export function readLogGroup(props: ResourceProperties): LogGroupModel {
  const retentionInDays = props.number('RetentionInDays');
  return {
    ...props.identity,
    ...(retentionInDays !== undefined ? { retentionInDays } : {}),
  };
}

/** `AWS::SNS::Topic` with its inline subscriptions (`AWS::SNS::Subscription`s are added later). */
export function readTopic(props: ResourceProperties): TopicModel {
  const kmsMasterKeyId = props.string('KmsMasterKeyId');
  const inline = (Array.isArray(props.value('Subscription')) ? (props.value('Subscription') as unknown[]) : []).map(
    (subscription): TopicSubscriptionModel => {
      const record = toRecord(subscription) ?? {};
      return { protocol: String(record.Protocol), endpoint: String(record.Endpoint) };
    },
  );
  return {
    ...props.origin,
    name: props.physicalName,
    arn: String(props.scope.ref(props.logicalId)),
    fifo: props.boolean('FifoTopic') ?? false,
    ...(kmsMasterKeyId ? { kmsMasterKeyId } : {}),
    subscriptions: inline,
  };
}

/** `AWS::SNS::Subscription`: which topic, and the subscription to add to it. */
export function readSubscription(props: ResourceProperties): {
  topicArn: string;
  subscription: TopicSubscriptionModel;
} {
  return {
    topicArn: props.string('TopicArn') ?? '',
    subscription: {
      protocol: props.string('Protocol') ?? '',
      endpoint: props.string('Endpoint') ?? '',
      logicalId: props.logicalId,
    },
  };
}

/** `AWS::CloudWatch::Alarm`. */
export function readAlarm(props: ResourceProperties): AlarmModel {
  const dimensions: Record<string, string> = {};
  for (const dimension of Array.isArray(props.value('Dimensions')) ? (props.value('Dimensions') as unknown[]) : []) {
    const record = toRecord(dimension) ?? {};
    dimensions[String(record.Name)] = String(record.Value);
  }
  const optional = {
    metricName: props.string('MetricName'),
    namespace: props.string('Namespace'),
    statistic: props.string('Statistic'),
    extendedStatistic: props.string('ExtendedStatistic'),
    periodSeconds: props.number('Period'),
    datapointsToAlarm: props.number('DatapointsToAlarm'),
    threshold: props.number('Threshold'),
    treatMissingData: props.string('TreatMissingData'),
    metrics: props.value('Metrics'),
  };
  return {
    ...props.identity,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    dimensions,
    evaluationPeriods: toNumber(props.value('EvaluationPeriods')) ?? 1,
    comparisonOperator: props.string('ComparisonOperator') ?? '',
    alarmActions: props.stringList('AlarmActions'),
    okActions: props.stringList('OKActions'),
    insufficientDataActions: props.stringList('InsufficientDataActions'),
  };
}
