import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** The URL of a queue, by name, through GetQueueUrl. */
export async function queueUrlOf(sqs: SQSClient, queueName: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  if (!QueueUrl) throw new Error(`no url for queue '${queueName}'`);
  return QueueUrl;
}

/** The ARN of a queue, through GetQueueAttributes. */
export async function queueArnOf(sqs: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`no arn for queue '${queueUrl}'`);
  return arn;
}

export interface FindMessageOptions {
  /** Wall milliseconds to keep looking. @default 10000 */
  readonly timeoutMs?: number;
  /**
   * Visibility timeout (seconds) of the receive: 0 only looks, leaving the message visible for
   * whoever else reads the queue.
   * @default 0
   */
  readonly visibilityTimeout?: number;
}

/**
 * Receives from a queue, with every message and system attribute, until a message matches,
 * and returns it (or throws once the time is up). With the default visibility timeout of 0 this
 * is a peek: the message stays in the queue.
 */
export async function findMessage(
  sqs: SQSClient,
  queueUrl: string,
  matches: (message: Message) => boolean,
  options: FindMessageOptions = {},
): Promise<Message> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const seen: string[] = [];
  while (Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: options.visibilityTimeout ?? 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const match = Messages.find(matches);
    if (match) return match;
    seen.push(...Messages.map((message) => message.MessageId ?? '?'));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no matching message in '${queueUrl}' (saw ${seen.length ? [...new Set(seen)].join(', ') : 'none'})`);
}

/** Whether a message body is an EventBridge event of the given order (`detail.metadata.correlationId`). */
export function concernsOrder(orderId: string): (message: Message) => boolean {
  return (message) => {
    try {
      const body = JSON.parse(message.Body ?? '') as { detail?: { metadata?: { correlationId?: unknown } } };
      return body.detail?.metadata?.correlationId === orderId;
    } catch {
      return false;
    }
  };
}
