import type { PolledMessage, PolledMessageAttribute } from './pollable-queue';

/** A message attribute as Lambda puts it in an SQS event record. */
export interface SqsRecordMessageAttribute {
  readonly stringValue?: string;
  /** Base64. */
  readonly binaryValue?: string;
  readonly stringListValues: readonly string[];
  readonly binaryListValues: readonly string[];
  readonly dataType: string;
}

/** One record of the event Lambda's SQS poller hands a function (`SQSRecord` of @types/aws-lambda). */
export interface SqsEventRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, SqsRecordMessageAttribute>>;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes?: string;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

/** The attributes Lambda always lists first, in this order. */
const LEADING_ATTRIBUTES = ['ApproximateReceiveCount', 'SentTimestamp', 'SenderId', 'ApproximateFirstReceiveTimestamp'];

/** A received message as a record of the SQS event, shaped exactly as Lambda shapes it. */
export function toSqsEventRecord(message: PolledMessage, queueArn: string, region: string): SqsEventRecord {
  const attributes: Record<string, string> = {};
  for (const name of LEADING_ATTRIBUTES) {
    const value = message.attributes[name];
    if (value !== undefined) {
      attributes[name] = value;
    }
  }
  for (const [name, value] of Object.entries(message.attributes)) {
    attributes[name] ??= value;
  }
  const messageAttributes: Record<string, SqsRecordMessageAttribute> = {};
  for (const [name, attribute] of Object.entries(message.messageAttributes)) {
    messageAttributes[name] = toRecordAttribute(attribute);
  }
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes,
    messageAttributes,
    md5OfBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes ? { md5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

function toRecordAttribute(attribute: PolledMessageAttribute): SqsRecordMessageAttribute {
  return {
    ...(attribute.StringValue !== undefined ? { stringValue: attribute.StringValue } : {}),
    ...(attribute.BinaryValue !== undefined
      ? { binaryValue: Buffer.from(attribute.BinaryValue).toString('base64') }
      : {}),
    stringListValues: [],
    binaryListValues: [],
    dataType: attribute.DataType,
  };
}
