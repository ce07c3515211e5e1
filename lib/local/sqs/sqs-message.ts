import { md5OfBody, md5OfMessageAttributes, type MessageAttributes } from './message-attributes';
import { definedMembers } from '../defined-members';

/** Where a message is in its life: waiting out its delay, receivable, or received and invisible. */
export type MessageState = 'delayed' | 'visible' | 'in-flight';

/** What a message is made of when it enters a queue. */
export interface SqsMessageInit {
  readonly messageId: string;
  readonly body: string;
  readonly messageAttributes: MessageAttributes;
  /** `AWSTraceHeader`, `DeadLetterQueueSourceArn`, `MessageGroupId`, ... */
  readonly systemAttributes: Readonly<Record<string, string>>;
  readonly senderId: string;
  /** AWS ms; when the message entered its first queue (retention counts from here). */
  readonly sentTimestamp: number;
  /** AWS ms; before this the message is delayed. */
  readonly visibleAt: number;
}

/** A message as the store keeps it under `--data`: what it was sent with and where it is in its life. */
export interface StoredMessage extends SqsMessageInit {
  readonly receiveCount: number;
  readonly firstReceiveTimestamp?: number;
  readonly receiptHandle?: string;
}

/**
 * One message in one queue. The queue owns its mutable state (receives, visibility, current
 * receipt handle); everything the sender gave is immutable.
 */
export class SqsMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes: MessageAttributes;
  readonly md5OfMessageAttributes?: string;
  readonly systemAttributes: Readonly<Record<string, string>>;
  readonly senderId: string;
  readonly sentTimestamp: number;

  receiveCount = 0;
  firstReceiveTimestamp?: number;
  /** AWS ms from which the message can be received (again). */
  visibleAt: number;
  /** The receipt handle of the latest receive; older ones no longer delete the message. */
  receiptHandle?: string;
  /** Whether the return to visibility after the latest receive was already traced. */
  returnTraced = true;
  /** Its key in the store under `--data`, given when it is first stored. */
  storeKey?: string;

  constructor(init: SqsMessageInit) {
    this.messageId = init.messageId;
    this.body = init.body;
    this.md5OfBody = md5OfBody(init.body);
    this.messageAttributes = init.messageAttributes;
    this.md5OfMessageAttributes = md5OfMessageAttributes(init.messageAttributes);
    this.systemAttributes = init.systemAttributes;
    this.senderId = init.senderId;
    this.sentTimestamp = init.sentTimestamp;
    this.visibleAt = init.visibleAt;
  }

  /** The message as it is in a queue now, to be stored. */
  toStored(): StoredMessage {
    return {
      messageId: this.messageId,
      body: this.body,
      messageAttributes: this.messageAttributes,
      systemAttributes: this.systemAttributes,
      senderId: this.senderId,
      sentTimestamp: this.sentTimestamp,
      visibleAt: this.visibleAt,
      receiveCount: this.receiveCount,
      ...definedMembers({ firstReceiveTimestamp: this.firstReceiveTimestamp, receiptHandle: this.receiptHandle }),
    };
  }

  /** A message read back from the store. */
  static fromStored(stored: StoredMessage): SqsMessage {
    const message = new SqsMessage(stored);
    message.receiveCount = stored.receiveCount;
    message.firstReceiveTimestamp = stored.firstReceiveTimestamp;
    message.receiptHandle = stored.receiptHandle;
    return message;
  }

  /** The state at AWS time `now`. */
  stateAt(now: number): MessageState {
    if (this.visibleAt <= now) {
      return 'visible';
    }
    return this.receiveCount === 0 ? 'delayed' : 'in-flight';
  }

  /** The system attributes ReceiveMessage returns for it (`All`). */
  attributes(): Record<string, string> {
    const attributes: Record<string, string> = {
      SenderId: this.senderId,
      SentTimestamp: String(this.sentTimestamp),
      ApproximateReceiveCount: String(this.receiveCount),
      ...this.systemAttributes,
    };
    if (this.firstReceiveTimestamp !== undefined) {
      attributes.ApproximateFirstReceiveTimestamp = String(this.firstReceiveTimestamp);
    }
    return attributes;
  }
}

/** A message as a consumer receives it. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes?: string;
  /** Every system attribute (SenderId, SentTimestamp, ApproximateReceiveCount, ...). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: MessageAttributes;
}

/** What SendMessage answers. */
export interface SentMessage {
  readonly messageId: string;
  readonly md5OfMessageBody: string;
  readonly md5OfMessageAttributes?: string;
  readonly sequenceNumber?: string;
}
