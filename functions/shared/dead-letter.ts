import { SendMessageCommand, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { DEAD_LETTER_ATTRIBUTES } from '../../lib/contracts';

/** Long reasons (a zod message listing many issues) are cut here; the body keeps everything. */
const MAX_REASON_LENGTH = 1024;

export interface DeadLetterQueueOptions {
  readonly client: SQSClient;
  /** The URL of the service's own consumer DLQ (RUNTIME_ENV.deadLetterQueueUrl). */
  readonly queueUrl: string;
  readonly service: string;
}

/**
 * The service's consumer DLQ, written to by the handler itself for messages that can never be
 * handled. The original body goes unchanged, with message attributes saying why, what error,
 * from which queue and by which service, so an operator can fix and redrive it.
 */
export class DeadLetterQueue {
  constructor(private readonly options: DeadLetterQueueOptions) {}

  /**
   * Sends `record`'s body to the DLQ with the reason taken from `error`.
   * Throws whatever SendMessage throws: the caller must then leave the record to SQS.
   */
  async send(record: SQSRecord, error: Error): Promise<void> {
    const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
    await this.options.client.send(
      new SendMessageCommand({
        QueueUrl: this.options.queueUrl,
        MessageBody: record.body,
        MessageAttributes: {
          [DEAD_LETTER_ATTRIBUTES.reason]: text(error.message.slice(0, MAX_REASON_LENGTH) || error.name),
          [DEAD_LETTER_ATTRIBUTES.errorName]: text(error.name),
          [DEAD_LETTER_ATTRIBUTES.sourceQueue]: text(record.eventSourceARN || 'unknown'),
          [DEAD_LETTER_ATTRIBUTES.service]: text(this.options.service),
        },
      }),
    );
  }
}
