import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InvalidInfraConfigError } from '../infra-errors';
import { addDeadLetterQueue } from './dead-letter-queue';
import { addNotifyingAlarm, ANY_DATAPOINT_ABOVE_ZERO } from './notifying-alarm';
import { queueDepthMetric, type ServiceMetrics } from './saga-metrics';

/** Props of {@link SagaAlarms}. */
export interface SagaAlarmsProps {
  /** Prefix of the topic, key alias and alarm names (the variant's bus name, `shop-choreography`). */
  readonly namePrefix: string;
  /** The services whose queues are watched. */
  readonly services: readonly ServiceMetrics[];
  /**
   * Further dead-letter queues to watch, by physical name (the bus's audit DLQ).
   * @default - none
   */
  readonly extraDeadLetterQueueNames?: readonly string[];
  /**
   * Age of a consumer queue's oldest message that raises the alarm, held for three minutes.
   * @default Duration.minutes(5)
   */
  readonly oldestMessageAgeThreshold?: Duration;
  /**
   * Address subscribed to the alarm topic.
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /**
   * What `cdk destroy` does with the topic's key and the subscription's dead-letter queue.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The saga's alarms and where they go: an encrypted, TLS-only SNS topic, one alarm per
 * dead-letter queue (any visible message) and one per consumer queue whose oldest message is
 * too old.
 */
export class SagaAlarms extends Construct {
  /** Every alarm and OK transition is published here. */
  public readonly topic: sns.Topic;
  /** The customer-managed key of the topic (CloudWatch may use it; an AWS-managed key would refuse). */
  public readonly topicKey: kms.Key;
  /** One alarm per dead-letter queue. */
  public readonly deadLetterAlarms: readonly cloudwatch.Alarm[];
  /** One alarm per consumer queue. */
  public readonly oldestMessageAlarms: readonly cloudwatch.Alarm[];
  /**
   * Notifications the e-mail subscription could not deliver.
   * Only present when an e-mail address is subscribed.
   */
  public readonly subscriptionDeadLetterQueue?: sqs.Queue;

  constructor(scope: Construct, id: string, props: SagaAlarmsProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const ageThreshold = props.oldestMessageAgeThreshold ?? Duration.minutes(5);
    if (ageThreshold.toSeconds() < 60) {
      throw new InvalidInfraConfigError(
        `oldestMessageAgeThreshold must be at least a minute, got '${ageThreshold.toHumanString()}'`,
      );
    }
    const stack = Stack.of(this);

    this.topicKey = new kms.Key(this, 'TopicKey', {
      description: `Encrypts the ${props.namePrefix} alarm topic`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy,
    });
    // CloudWatch publishes alarms to encrypted topics only if the key lets it encrypt.
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsEncryptForTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: `${props.namePrefix}-alarms`,
      displayName: `${props.namePrefix} saga alarms`,
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccountPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );

    if (props.alarmEmail !== undefined) {
      this.subscriptionDeadLetterQueue = addDeadLetterQueue(this, 'SubscriptionDeadLetterQueue', {
        source: 'subscription',
        queueName: `${props.namePrefix}-alarms-dlq`,
        removalPolicy,
      });
      this.topic.addSubscription(
        new subscriptions.EmailSubscription(props.alarmEmail, { deadLetterQueue: this.subscriptionDeadLetterQueue }),
      );
    }

    const action = new cloudwatchActions.SnsAction(this.topic);
    const watched: { readonly id: string; readonly what: string; readonly metric: cloudwatch.Metric }[] = [
      ...props.services.flatMap((service) => [
        {
          id: `${service.service}DeadLetterQueue`,
          what: `the ${service.service} dead-letter queue`,
          metric: service.deadLetterDepth,
        },
        {
          id: `${service.service}TargetDeadLetterQueue`,
          what: `the ${service.service} rule targets' dead-letter queue`,
          metric: service.targetDeadLetterDepth,
        },
      ]),
      ...(props.extraDeadLetterQueueNames ?? []).map((name) => ({
        id: name,
        what: name,
        metric: queueDepthMetric(name),
      })),
    ];
    if (this.subscriptionDeadLetterQueue) {
      watched.push({
        id: 'SubscriptionDeadLetterQueue',
        what: "the alarm subscription's dead-letter queue",
        metric: this.subscriptionDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
          statistic: cloudwatch.Stats.MAXIMUM,
          period: Duration.minutes(1),
        }),
      });
    }

    this.deadLetterAlarms = watched.map(({ id, what, metric }) =>
      addNotifyingAlarm(this, `${id}NotEmpty`, action, {
        alarmDescription: `A message is waiting in ${what}: inspect it, fix the cause, then redrive it.`,
        metric: unlabelled(metric),
        ...ANY_DATAPOINT_ABOVE_ZERO,
      }),
    );

    this.oldestMessageAlarms = props.services.map((service) =>
      addNotifyingAlarm(this, `${service.service}OldestMessageAge`, action, {
        alarmDescription: `The ${service.service} queue's oldest message is older than ${ageThreshold.toHumanString()}: the consumer is failing or too slow.`,
        metric: unlabelled(service.oldestMessageAge),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        threshold: ageThreshold.toSeconds(),
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** Every alarm, for an alarm status widget. */
  get alarms(): readonly cloudwatch.Alarm[] {
    return [...this.deadLetterAlarms, ...this.oldestMessageAlarms];
  }
}

/**
 * The same metric without its dashboard label: a labelled metric makes the alarm use the
 * `Metrics` array form, where a plain `MetricName`/`Dimensions` alarm reads better.
 */
function unlabelled(metric: cloudwatch.Metric): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensionsMap: metric.dimensions,
    statistic: metric.statistic,
    period: metric.period,
  });
}
