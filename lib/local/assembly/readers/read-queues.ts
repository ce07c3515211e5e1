import type { QueueModel, QueuePolicyModel, RedrivePolicyModel } from '../app-model';
import { parseJsonIfText, toNumber, toPolicyDocument, toRecord, type ResourceProperties } from '../resource-properties';

/** `AWS::SQS::Queue`, with defaults as SQS applies them. */
export function readQueue(props: ResourceProperties): QueueModel {
  const fifo = props.boolean('FifoQueue') ?? false;
  const visibilityTimeoutSeconds = props.number('VisibilityTimeout') ?? 30;
  const messageRetentionPeriodSeconds = props.number('MessageRetentionPeriod') ?? 345_600;
  const delaySeconds = props.number('DelaySeconds') ?? 0;
  const maximumMessageSize = props.number('MaximumMessageSize') ?? 1_048_576;
  const receiveMessageWaitTimeSeconds = props.number('ReceiveMessageWaitTimeSeconds') ?? 0;
  const contentBasedDeduplication = props.boolean('ContentBasedDeduplication') ?? false;
  const sqsManagedSseEnabled = props.boolean('SqsManagedSseEnabled');
  const kmsMasterKeyId = props.string('KmsMasterKeyId');
  const redrivePolicy = readRedrivePolicy(props);
  const redriveAllowPolicy = props.value('RedriveAllowPolicy');

  const attributes: Record<string, string> = {
    VisibilityTimeout: String(visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(messageRetentionPeriodSeconds),
    DelaySeconds: String(delaySeconds),
    MaximumMessageSize: String(maximumMessageSize),
    ReceiveMessageWaitTimeSeconds: String(receiveMessageWaitTimeSeconds),
  };
  if (fifo) {
    attributes.FifoQueue = 'true';
    attributes.ContentBasedDeduplication = String(contentBasedDeduplication);
  }
  if (redrivePolicy) {
    attributes.RedrivePolicy = JSON.stringify(redrivePolicy);
  }
  if (redriveAllowPolicy !== undefined) {
    attributes.RedriveAllowPolicy = JSON.stringify(parseJsonIfText(redriveAllowPolicy));
  }
  if (sqsManagedSseEnabled !== undefined) {
    attributes.SqsManagedSseEnabled = String(sqsManagedSseEnabled);
  }
  if (kmsMasterKeyId) {
    attributes.KmsMasterKeyId = kmsMasterKeyId;
  }

  return {
    ...props.identity,
    url: String(props.scope.ref(props.logicalId)),
    fifo,
    visibilityTimeoutSeconds,
    messageRetentionPeriodSeconds,
    delaySeconds,
    maximumMessageSize,
    receiveMessageWaitTimeSeconds,
    ...(redrivePolicy ? { redrivePolicy } : {}),
    ...(redriveAllowPolicy !== undefined ? { redriveAllowPolicy: parseJsonIfText(redriveAllowPolicy) } : {}),
    contentBasedDeduplication,
    ...(sqsManagedSseEnabled !== undefined ? { sqsManagedSseEnabled } : {}),
    ...(kmsMasterKeyId ? { kmsMasterKeyId } : {}),
    attributes,
  };
}

function readRedrivePolicy(props: ResourceProperties): RedrivePolicyModel | undefined {
  const value = props.value('RedrivePolicy');
  if (value === undefined) {
    return undefined;
  }
  const policy = toRecord(parseJsonIfText(value));
  const maxReceiveCount = toNumber(policy?.maxReceiveCount);
  if (typeof policy?.deadLetterTargetArn !== 'string' || maxReceiveCount === undefined) {
    props.report(
      'invalid-property',
      `redrive policy '${JSON.stringify(value)}' needs deadLetterTargetArn and maxReceiveCount`,
    );
    return undefined;
  }
  return { deadLetterTargetArn: policy.deadLetterTargetArn, maxReceiveCount };
}

/** `AWS::SQS::QueuePolicy`: `Queues` holds queue URLs (`Ref`s of queues). */
export function readQueuePolicy(
  props: ResourceProperties,
  arnOfQueueUrl: (url: string) => string | undefined,
): QueuePolicyModel {
  const queueUrls = props.stringList('Queues');
  return {
    ...props.origin,
    queueUrls,
    queueArns: queueUrls.map((url) => arnOfQueueUrl(url)).filter((arn): arn is string => arn !== undefined),
    document: toPolicyDocument(props.value('PolicyDocument')) ?? { Statement: [] },
  };
}
