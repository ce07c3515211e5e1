import type { MessageAttributeValue } from '../sqs/message-attributes';
import type { ReceivedMessage } from '../sqs/sqs-message';

/**
 * What an SQS event source mapping needs from a queue. The local SQS service's `LocalQueue`
 * satisfies it as it is; tests use an in-memory fake.
 */
export interface PollableQueue {
  readonly name: string;
  readonly arn: string;
  /**
   * Receives up to `maxNumberOfMessages` (1..10) visible messages, making them invisible for the
   * queue's visibility timeout. When none is visible, waits up to `waitTimeMs` (AWS ms, at most
   * 20 s: long polling) for one; an aborted `signal` ends the wait with what it has.
   */
  receive(options: PollOptions): Promise<readonly PolledMessage[]>;
  /** Deletes a received message. */
  delete(receiptHandle: string): void | Promise<void>;
  /** Makes a received message visible again after `visibilityTimeoutSeconds` (0 = now). */
  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void | Promise<void>;
}

export interface PollOptions {
  readonly maxNumberOfMessages: number;
  readonly waitTimeMs: number;
  /** Who receives, for the queue's trace: the function name. */
  readonly receiver: string;
  readonly signal?: AbortSignal;
}

/** A message attribute as SQS holds it (the SQS API's shape, binary values as bytes). */
export type PolledMessageAttribute = MessageAttributeValue;

/** A received message, as the SQS service hands it to a consumer. */
export type PolledMessage = ReceivedMessage;
