import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { SagaDeploymentProps } from '../deployment-props';

/** Who sends failed messages to a dead-letter queue made by {@link addDeadLetterQueue}. */
export type DeadLetterSource =
  /** An SQS queue's redrive policy (and the consumer function, for permanent failures). */
  | 'queue-redrive'
  /** EventBridge rule targets (`DeadLetterConfig`). */
  | 'rule-targets'
  /** An SNS subscription's redrive policy. */
  | 'subscription';

/** Props of {@link addDeadLetterQueue}. */
export interface DeadLetterQueueProps extends Pick<SagaDeploymentProps, 'removalPolicy'> {
  /** Who sends it failed messages; decides which cdk-nag findings are acknowledged and why. */
  readonly source: DeadLetterSource;
  /**
   * Physical name.
   * @default - a name CloudFormation generates
   */
  readonly queueName?: string;
}

/** Messages in a dead-letter queue wait this long for an operator: SQS's maximum. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * Adds to `scope` the end of the line for messages that could not be delivered or processed: a
 * queue that keeps them 14 days, encrypted with SQS-managed keys, reachable over TLS only, and
 * retained by default: failed messages are evidence.
 *
 * @example const deadLetterQueue = addDeadLetterQueue(this, 'DeadLetterQueue', { source: 'queue-redrive' });
 */
export function addDeadLetterQueue(scope: Construct, id: string, props: DeadLetterQueueProps): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    queueName: props.queueName,
    retentionPeriod: DEAD_LETTER_RETENTION,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  });
  Validations.of(queue).acknowledge({
    id: 'Serverless-SQSRedrivePolicy',
    reason:
      'this queue is itself a dead-letter queue; a redrive policy on it would only move failures one queue further',
  });
  if (props.source !== 'queue-redrive') {
    // cdk-nag recognises a DLQ only when another queue's RedrivePolicy names it.
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        props.source === 'rule-targets'
          ? 'dead-letter queue of EventBridge rule targets (DeadLetterConfig), which cdk-nag does not recognise as a DLQ'
          : 'dead-letter queue of an SNS subscription (RedrivePolicy), which cdk-nag does not recognise as a DLQ',
    });
  }
  return queue;
}
