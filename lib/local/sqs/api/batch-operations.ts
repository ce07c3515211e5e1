import { AwsServiceError } from '../../endpoint/aws-service-error';
import type { RequestParams } from '../../endpoint/request-params';
import type { LocalQueue } from '../local-queue';
import {
  BatchEntryIdsNotDistinctError,
  BatchRequestTooLongError,
  EmptyBatchRequestError,
  InvalidBatchEntryIdError,
  TooManyEntriesInBatchRequestError,
} from '../sqs-errors';
import { sendFromParams, sentToWire } from './message-operations';
import type { SqsOperation, SqsOperationContext } from './sqs-operation';

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_BATCH_ENTRIES = 10;

interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

/**
 * Runs `action` per entry of a batch call; an entry that throws an AWS error becomes a `Failed`
 * entry (anything else is a bug and fails the whole call). Checks what SQS checks of the batch
 * as a whole first: 1 to 10 entries, valid and distinct ids.
 */
function runBatch(
  params: RequestParams,
  context: SqsOperationContext,
  action: (queue: LocalQueue, entry: RequestParams) => Record<string, string>,
  check?: (queue: LocalQueue, entries: RequestParams[]) => void,
): { Successful: Record<string, string>[]; Failed: BatchFailure[] } {
  const queue = context.sqs.getQueue(params.string('QueueUrl'));
  const entries = params.objectList('Entries', true);
  if (entries.length === 0) throw new EmptyBatchRequestError();
  if (entries.length > MAX_BATCH_ENTRIES) throw new TooManyEntriesInBatchRequestError(entries.length);
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = entry.raw.Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) throw new InvalidBatchEntryIdError();
    if (ids.has(id)) throw new BatchEntryIdsNotDistinctError(id);
    ids.add(id);
  }
  check?.(queue, entries);
  const Successful: Record<string, string>[] = [];
  const Failed: BatchFailure[] = [];
  for (const entry of entries) {
    const id = entry.string('Id');
    try {
      Successful.push({ Id: id, ...action(queue, entry) });
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      Failed.push({
        Id: id,
        SenderFault: error.statusCode < 500,
        Code: error.queryErrorCode ?? error.code,
        Message: error.message,
      });
    }
  }
  return { Successful, Failed };
}

/** SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch. */
export const BATCH_OPERATIONS: Record<string, SqsOperation> = {
  SendMessageBatch: (params, context) =>
    runBatch(
      params,
      context,
      (queue, entry) => sentToWire(sendFromParams(queue, entry, context)),
      (queue, entries) => {
        const size = entries.reduce(
          (total, entry) => total + Buffer.byteLength(String(entry.raw.MessageBody ?? '')),
          0,
        );
        if (size > queue.settings.maximumMessageSize) {
          throw new BatchRequestTooLongError(size, queue.settings.maximumMessageSize);
        }
      },
    ),

  DeleteMessageBatch: (params, context) =>
    runBatch(params, context, (queue, entry) => {
      queue.delete(entry.string('ReceiptHandle'));
      return {};
    }),

  ChangeMessageVisibilityBatch: (params, context) =>
    runBatch(params, context, (queue, entry) => {
      queue.changeVisibility(entry.string('ReceiptHandle'), entry.optionalInteger('VisibilityTimeout') ?? 0);
      return {};
    }),
};
