import type { RequestParams } from '../../endpoint/request-params';
import type { LocalQueue } from '../local-queue';
import type { SentMessage, ReceivedMessage } from '../sqs-message';
import type { SqsOperation, SqsOperationContext } from './sqs-operation';
import { readMessageAttributes, selectMessageAttributes, writeMessageAttributes } from './wire-message-attributes';

/** Sends one SendMessage(-Batch entry) request to a queue. */
export function sendFromParams(queue: LocalQueue, params: RequestParams, { caller }: SqsOperationContext): SentMessage {
  const systemAttributes = readMessageAttributes(params, 'MessageSystemAttributes');
  const traceHeader = systemAttributes.AWSTraceHeader?.StringValue;
  return queue.send({
    body: params.string('MessageBody'),
    delaySeconds: params.optionalInteger('DelaySeconds'),
    messageAttributes: readMessageAttributes(params),
    awsTraceHeader: traceHeader,
    sender: caller.principal,
    senderId: caller.accessKeyId || undefined,
    messageGroupId: params.optionalString('MessageGroupId'),
    messageDeduplicationId: params.optionalString('MessageDeduplicationId'),
  });
}

/** The fields SendMessage and a successful batch entry answer with. */
export function sentToWire(sent: SentMessage): Record<string, string> {
  return {
    MessageId: sent.messageId,
    MD5OfMessageBody: sent.md5OfMessageBody,
    ...(sent.md5OfMessageAttributes ? { MD5OfMessageAttributes: sent.md5OfMessageAttributes } : {}),
    ...(sent.sequenceNumber ? { SequenceNumber: sent.sequenceNumber } : {}),
  };
}

function receivedToWire(
  message: ReceivedMessage,
  systemNames: readonly string[],
  attributeNames: readonly string[],
): Record<string, unknown> {
  const attributes = systemNames.includes('All')
    ? message.attributes
    : Object.fromEntries(
        systemNames
          .filter((name) => message.attributes[name] !== undefined)
          .map((name) => [name, message.attributes[name]]),
      );
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    ...writeMessageAttributes(selectMessageAttributes(message.messageAttributes, attributeNames)),
  };
}

/** SendMessage, ReceiveMessage, DeleteMessage, ChangeMessageVisibility. */
export const MESSAGE_OPERATIONS: Record<string, SqsOperation> = {
  SendMessage: (params, context) =>
    sentToWire(sendFromParams(context.sqs.getQueue(params.string('QueueUrl')), params, context)),

  ReceiveMessage: async (params, { sqs, caller, signal }) => {
    const queue = sqs.getQueue(params.string('QueueUrl'));
    const waitTimeSeconds = params.optionalInteger('WaitTimeSeconds');
    const visibilityTimeout = params.optionalInteger('VisibilityTimeout');
    const messages = await queue.receive({
      maxNumberOfMessages: params.optionalInteger('MaxNumberOfMessages'),
      waitTimeMs: waitTimeSeconds === undefined ? undefined : waitTimeSeconds * 1000,
      visibilityTimeoutMs: visibilityTimeout === undefined ? undefined : visibilityTimeout * 1000,
      receiver: caller.principal,
      signal,
    });
    const systemNames = [
      ...(params.optionalStringList('AttributeNames') ?? []),
      ...(params.optionalStringList('MessageSystemAttributeNames') ?? []),
    ];
    const attributeNames = params.optionalStringList('MessageAttributeNames') ?? [];
    return messages.length > 0
      ? { Messages: messages.map((message) => receivedToWire(message, systemNames, attributeNames)) }
      : {};
  },

  DeleteMessage: (params, { sqs }) => {
    sqs.getQueue(params.string('QueueUrl')).delete(params.string('ReceiptHandle'));
    return {};
  },

  ChangeMessageVisibility: (params, { sqs }) => {
    const queue = sqs.getQueue(params.string('QueueUrl'));
    const receiptHandle = params.string('ReceiptHandle');
    const visibilityTimeout = params.optionalInteger('VisibilityTimeout');
    if (visibilityTimeout === undefined) {
      params.string('VisibilityTimeout');
    }
    queue.changeVisibility(receiptHandle, visibilityTimeout ?? 0);
    return {};
  },
};
