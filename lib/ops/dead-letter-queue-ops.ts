import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  StartMessageMoveTaskCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetterQueueName } from './dead-letter-queue-names';
import { explainDeadLetter, type ExplainedDeadLetter } from './dead-letter-reasons';
import { OpsFailedError } from './ops-errors';

/** A queue found by name: its URL and ARN. */
export interface QueueLocation {
  readonly queueName: string;
  readonly queueUrl: string;
  readonly queueArn: string;
}

/** A dead-letter queue with its approximate counts, or `missing` when it does not exist. */
export interface DeadLetterQueueStatus extends DeadLetterQueueName {
  readonly exists: boolean;
  /** `ApproximateNumberOfMessages`. */
  readonly visible?: number;
  /** `ApproximateNumberOfMessagesNotVisible` (being looked at or moved right now). */
  readonly inFlight?: number;
  readonly queueUrl?: string;
}

const isMissingQueue = (error: unknown): boolean => {
  const name = (error as { name?: string })?.name ?? '';
  return (
    name === 'QueueDoesNotExist' ||
    name === 'AWS.SimpleQueueService.NonExistentQueue' ||
    name === 'QueueDoesNotExistException'
  );
};

/** The URL and ARN of a queue; `undefined` when no queue has the name. */
export async function findQueue(sqs: SQSClient, queueName: string): Promise<QueueLocation | undefined> {
  let queueUrl: string | undefined;
  try {
    queueUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl;
  } catch (error) {
    if (isMissingQueue(error)) return undefined;
    throw error;
  }
  if (!queueUrl) return undefined;
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  return { queueName, queueUrl, queueArn: Attributes?.QueueArn ?? '' };
}

/** Like {@link findQueue}, but a missing queue is an {@link OpsFailedError}. */
export async function requireQueue(sqs: SQSClient, queueName: string): Promise<QueueLocation> {
  const queue = await findQueue(sqs, queueName);
  if (!queue)
    throw new OpsFailedError(
      `queue '${queueName}' does not exist (is the app deployed, and are --variant, --stage and --region right?)`,
    );
  return queue;
}

/** The approximate message counts of each queue, in the order given; missing queues say so. */
export async function describeDeadLetterQueues(
  sqs: SQSClient,
  queues: readonly DeadLetterQueueName[],
): Promise<DeadLetterQueueStatus[]> {
  return Promise.all(
    queues.map(async (queue): Promise<DeadLetterQueueStatus> => {
      let queueUrl: string | undefined;
      try {
        queueUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: queue.queueName }))).QueueUrl;
      } catch (error) {
        if (isMissingQueue(error)) return { ...queue, exists: false };
        throw error;
      }
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return {
        ...queue,
        exists: true,
        queueUrl,
        visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      };
    }),
  );
}

/** How long `peekDeadLetters` hides the messages it has seen, so that the next receive returns others. */
const PEEK_HIDE_SECONDS = 30;

/**
 * Up to `max` messages of a queue with the reason each is there, without consuming them: each
 * receive hides the messages briefly (so that paging returns new ones), and every message seen
 * is made visible again (visibility timeout 0) before this returns — also when it fails.
 * Receiving does raise each message's `ApproximateReceiveCount`; a DLQ has no redrive policy of
 * its own, so that moves nothing.
 */
export async function peekDeadLetters(sqs: SQSClient, queueUrl: string, max: number): Promise<ExplainedDeadLetter[]> {
  const seen = new Map<string, Message>();
  try {
    while (seen.size < max) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, max - seen.size),
          VisibilityTimeout: PEEK_HIDE_SECONDS,
          WaitTimeSeconds: 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      const fresh = Messages.filter((message) => message.MessageId && !seen.has(message.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) seen.set(message.MessageId as string, message);
    }
  } finally {
    await makeVisible(sqs, queueUrl, [...seen.values()]);
  }
  return [...seen.values()].slice(0, max).map(explainDeadLetter);
}

async function makeVisible(sqs: SQSClient, queueUrl: string, messages: readonly Message[]): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    const batch = messages.slice(start, start + 10);
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
}

/** A started `StartMessageMoveTask`. */
export interface MoveTaskStarted {
  readonly taskHandle: string;
  readonly sourceArn: string;
  readonly destinationArn?: string;
}

/** StartMessageMoveTask from a DLQ; without a destination SQS moves each message back to its source. */
export async function startMoveTask(
  sqs: SQSClient,
  sourceArn: string,
  destinationArn?: string,
): Promise<MoveTaskStarted> {
  const { TaskHandle } = await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: sourceArn,
      ...(destinationArn ? { DestinationArn: destinationArn } : {}),
    }),
  );
  if (!TaskHandle) throw new OpsFailedError(`StartMessageMoveTask answered no task handle for '${sourceArn}'`);
  return { taskHandle: TaskHandle, sourceArn, ...(destinationArn ? { destinationArn } : {}) };
}

/** The end of a move task, as {@link waitForMoveTask} saw it. */
export interface MoveTaskOutcome {
  readonly status: string;
  readonly moved?: number;
  readonly failureReason?: string;
  /** `list-move-tasks` when ListMessageMoveTasks answered, `queue-depth` when it fell back. */
  readonly observedBy: 'list-move-tasks' | 'queue-depth';
}

/** What a wait loop needs from its caller: the clock, and how long and how often to poll. */
export interface PollOptions {
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
  readonly timeoutMs: number;
  readonly intervalMs: number;
}

const isUnsupported = (error: unknown): boolean => {
  const name = (error as { name?: string })?.name ?? '';
  return name === 'UnknownOperationException' || name === 'InvalidAction' || name === 'UnsupportedOperation';
};

/**
 * Polls ListMessageMoveTasks until the task is no longer RUNNING. An endpoint without that
 * operation is watched through the DLQ's approximate depth instead (done when it reaches 0).
 * Throws {@link OpsFailedError} (retryable) when the time runs out.
 */
export async function waitForMoveTask(
  sqs: SQSClient,
  task: MoveTaskStarted,
  dlqUrl: string,
  poll: PollOptions,
): Promise<MoveTaskOutcome> {
  const deadline = poll.now().getTime() + poll.timeoutMs;
  let useDepth = false;
  for (;;) {
    if (!useDepth) {
      try {
        const { Results = [] } = await sqs.send(
          new ListMessageMoveTasksCommand({ SourceArn: task.sourceArn, MaxResults: 10 }),
        );
        // A running task lists its handle; a finished one may not, so the newest entry stands for it.
        const entry = Results.find((result) => result.TaskHandle === task.taskHandle) ?? Results[0];
        if (entry && entry.Status !== 'RUNNING' && entry.Status !== 'CANCELLING') {
          return {
            status: entry.Status ?? 'UNKNOWN',
            ...(entry.ApproximateNumberOfMessagesMoved !== undefined
              ? { moved: entry.ApproximateNumberOfMessagesMoved }
              : {}),
            ...(entry.FailureReason ? { failureReason: entry.FailureReason } : {}),
            observedBy: 'list-move-tasks',
          };
        }
      } catch (error) {
        if (!isUnsupported(error)) throw error;
        useDepth = true;
      }
    }
    if (useDepth) {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: dlqUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      if (
        Number(Attributes.ApproximateNumberOfMessages ?? 0) +
          Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) ===
        0
      ) {
        return { status: 'COMPLETED', observedBy: 'queue-depth' };
      }
    }
    if (poll.now().getTime() >= deadline) {
      throw new OpsFailedError(
        `move task '${task.taskHandle}' still running after ${poll.timeoutMs / 1000} s; check again with ListMessageMoveTasks`,
        true,
      );
    }
    await poll.sleep(poll.intervalMs);
  }
}

/** What {@link moveMessages} did. */
export interface MoveOutcome {
  readonly moved: number;
  readonly failed: number;
}

/**
 * Moves every message of `from` to `to` by hand: receive, send (body only), delete what was
 * sent. For DLQs that StartMessageMoveTask refuses because no queue's redrive policy names them
 * — the rule-target DLQs, which EventBridge fills. A message that could not be sent stays in
 * `from` and becomes visible again after its visibility timeout.
 */
export async function moveMessages(
  sqs: SQSClient,
  fromUrl: string,
  toUrl: string,
  max = Number.POSITIVE_INFINITY,
): Promise<MoveOutcome> {
  let moved = 0;
  let failed = 0;
  while (moved + failed < max) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: fromUrl,
        MaxNumberOfMessages: Math.min(10, max - moved - failed),
        VisibilityTimeout: 60,
        WaitTimeSeconds: 0,
      }),
    );
    if (Messages.length === 0) break;
    const { Successful = [], Failed = [] } = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: toUrl,
        Entries: Messages.map((message, index) => ({ Id: String(index), MessageBody: message.Body ?? '' })),
      }),
    );
    const sent = Successful.map((entry) => Messages[Number(entry.Id)]).filter(
      (message): message is Message => message !== undefined,
    );
    if (sent.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: fromUrl,
          Entries: sent.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
        }),
      );
    }
    moved += sent.length;
    failed += Failed.length;
    // Failed messages stay hidden for the visibility timeout, so this loop does not see them again.
  }
  return { moved, failed };
}
