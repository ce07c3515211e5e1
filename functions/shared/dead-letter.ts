import { SendMessageCommand, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { DEAD_LETTER_ATTRIBUTES } from '../../lib/contracts';
import type { DeadLetterLedger } from './dead-letter-ledger';

/** Long reasons (a zod message listing many issues) are cut here; the body keeps everything. */
const MAX_REASON_LENGTH = 1024;

export interface DeadLetterQueueOptions {
  readonly client: SQSClient;
  /** The URL of the service's own consumer DLQ (RUNTIME_ENV.deadLetterQueueUrl). */
  readonly queueUrl: string;
  readonly service: string;
  /**
   * Where the keys of messages already dead-lettered are kept, so each is sent once.
   * @default - no ledger: every call sends
   */
  readonly ledger?: DeadLetterLedger;
  /** @default - now */
  readonly clock?: () => Date;
  /**
   * How long a delivery that finds its key claimed but not yet sent waits for the claimant.
   * @default 500
   */
  readonly claimWaitMs?: number;
}

/** What `send` did. */
export type DeadLetterOutcome = 'sent' | 'already-dead-lettered';

/**
 * The service's consumer DLQ, written to by the handler itself for messages that can never be
 * handled. The original body goes unchanged, with message attributes saying why, what error,
 * from which queue and by which service, so an operator can fix and redrive it.
 */
export class DeadLetterQueue {
  constructor(private readonly options: DeadLetterQueueOptions) {}

  /**
   * Sends `record`'s body to the DLQ with the reason taken from `error` and the number of times
   * SQS had delivered it, once per dead-letter key (the error's `deadLetterKey`, e.g. one per
   * conflicting content, or else the message id): a second delivery of the same message finds
   * the key claimed in the ledger and sends nothing.
   * Throws whatever SendMessage throws (the claim stays unsent, so a redelivery sends it): the
   * caller must then leave the record to SQS.
   */
  async send(record: SQSRecord, error: Error): Promise<DeadLetterOutcome> {
    const reason = error.message.slice(0, MAX_REASON_LENGTH) || error.name;
    const { ledger } = this.options;
    const key = deadLetterKeyOf(record, error);
    if (ledger) {
      const at = (this.options.clock?.() ?? new Date()).toISOString();
      const state = await ledger.claim(key, { messageId: record.messageId, reason, at });
      if (state === 'sent') return 'already-dead-lettered';
      if (state === 'claimed' && (await ledger.waitUntilSent(key, this.options.claimWaitMs ?? 500))) {
        return 'already-dead-lettered';
      }
    }
    await this.sendMessage(record, error, reason);
    await ledger?.markSent(key);
    return 'sent';
  }

  private async sendMessage(record: SQSRecord, error: Error, reason: string): Promise<void> {
    const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
    const receiveCount = record.attributes?.ApproximateReceiveCount;
    await this.options.client.send(
      new SendMessageCommand({
        QueueUrl: this.options.queueUrl,
        MessageBody: record.body,
        MessageAttributes: {
          [DEAD_LETTER_ATTRIBUTES.reason]: text(reason),
          [DEAD_LETTER_ATTRIBUTES.errorName]: text(error.name),
          [DEAD_LETTER_ATTRIBUTES.sourceQueue]: text(record.eventSourceARN || 'unknown'),
          [DEAD_LETTER_ATTRIBUTES.service]: text(this.options.service),
          ...(receiveCount
            ? { [DEAD_LETTER_ATTRIBUTES.receiveCount]: { DataType: 'Number', StringValue: receiveCount } }
            : {}),
        },
      }),
    );
  }
}

/** The key a message is dead-lettered once under: the error's own (a conflict's), or the message id. */
export function deadLetterKeyOf(record: Pick<SQSRecord, 'messageId'>, error: Error): string {
  const own = (error as { deadLetterKey?: unknown }).deadLetterKey;
  return typeof own === 'string' && own.length > 0 ? own : `message:${record.messageId}`;
}
