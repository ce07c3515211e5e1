import { SQSClient } from '@aws-sdk/client-sqs';
import type { Command } from 'commander';
import {
  deadLetterQueuesOf,
  describeDeadLetterQueues,
  moveMessages,
  OpsFailedError,
  OpsInputError,
  peekDeadLetters,
  requireQueue,
  resolveDeadLetterQueue,
  startMoveTask,
  waitForMoveTask,
  type ExplainedDeadLetter,
} from '../../ops';
import { awsClientConfig } from '../aws-clients';
import { addAwsOptions, resolveAwsTarget, type AwsOptionValues, type AwsTarget } from '../aws-options';
import type { CliContext } from '../cli-context';
import { CommandFailedError, UsageError } from '../cli-errors';
import { positiveSeconds, wholeNumber } from '../input/number-options';
import { formatTable } from '../output/table';

interface ShowOptions extends AwsOptionValues {
  readonly max: number;
  readonly json?: boolean;
}

interface RedriveOptions extends AwsOptionValues {
  readonly to?: string;
  readonly wait?: boolean;
  readonly timeout: number;
  readonly json?: boolean;
}

interface ListOptions extends AwsOptionValues {
  readonly json?: boolean;
}

/** Turns the operations tools' errors into the CLI's, so that they end with the right exit code. */
export async function withCliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OpsInputError) throw new UsageError(error.message, { cause: error });
    if (error instanceof OpsFailedError) throw new CommandFailedError(error.message, error.retryable);
    throw error;
  }
}

function sqsClient(target: AwsTarget, context: CliContext): SQSClient {
  return new SQSClient({ ...awsClientConfig(target, context.env) });
}

/**
 * `choreo dlq list|show|redrive`: the dead-letter queues of a variant — how full they are, why
 * each message is there (without consuming it), and moving messages back to be processed again.
 */
export function registerDlqCommand(program: Command, context: CliContext): void {
  const dlq = program.command('dlq').description("inspect and redrive the variant's dead-letter queues");

  addAwsOptions(
    dlq
      .command('list')
      .description('every dead-letter queue of the variant, with approximate message counts')
      .option('--json', 'print JSON'),
  ).action((options: ListOptions) => withCliErrors(() => list(options, context)));

  addAwsOptions(
    dlq
      .command('show')
      .description('the messages of a dead-letter queue and why each is there; messages stay in the queue')
      .argument(
        '<service|queue>',
        'a service (its consumer DLQ) or a queue name, e.g. payments or shop-choreography-payments-target-dlq',
      )
      .option('--max <n>', 'most messages to show', wholeNumber(1, 1000), 10)
      .option('--json', 'print the messages as JSON'),
  ).action((serviceOrQueue: string, options: ShowOptions) =>
    withCliErrors(() => show(serviceOrQueue, options, context)),
  );

  addAwsOptions(
    dlq
      .command('redrive')
      .description(
        "move a dead-letter queue's messages back to be processed again (default: to the service's consumer queue)",
      )
      .argument('<service|queue>', 'a service (its consumer DLQ) or a queue name')
      .option('--to <queue>', 'the queue to move the messages to (name)')
      .option('--wait', 'wait until the move task has finished')
      .option('--timeout <seconds>', 'how long --wait waits', positiveSeconds, 300)
      .option('--json', 'print the result as JSON'),
  )
    .addHelpText(
      'after',
      '\nConsumer DLQs are redriven with StartMessageMoveTask. Rule-target DLQs are filled by EventBridge, not by a\n' +
        "queue's redrive policy, so SQS cannot move them; their messages are moved by receive, send and delete.",
    )
    .action((serviceOrQueue: string, options: RedriveOptions) =>
      withCliErrors(() => redrive(serviceOrQueue, options, context)),
    );
}

async function list(options: ListOptions, context: CliContext): Promise<void> {
  const target = resolveAwsTarget(options, context.env);
  const statuses = await describeDeadLetterQueues(
    sqsClient(target, context),
    deadLetterQueuesOf(target.variant, target.stage),
  );
  if (options.json) {
    context.print(
      JSON.stringify(
        statuses.map(({ queueUrl: _url, ...status }) => status),
        null,
        2,
      ),
    );
    return;
  }
  const rows = statuses.map((status) => [
    status.queueName,
    status.kind,
    status.service ?? '-',
    status.exists ? String(status.visible ?? 0) : '-',
    status.exists ? String(status.inFlight ?? 0) : '-',
    status.exists ? '' : 'not found',
  ]);
  context.print(formatTable(['queue', 'kind', 'service', 'messages', 'in flight', 'note'], rows));
  const waiting = statuses.reduce((total, status) => total + (status.visible ?? 0), 0);
  context.note(
    `${waiting} message(s) waiting in ${statuses.filter((status) => status.exists).length} dead-letter queue(s) of '${target.busName}'`,
  );
}

async function show(serviceOrQueue: string, options: ShowOptions, context: CliContext): Promise<void> {
  const target = resolveAwsTarget(options, context.env);
  const dlq = resolveDeadLetterQueue(serviceOrQueue, target.variant, target.stage);
  const sqs = sqsClient(target, context);
  const queue = await requireQueue(sqs, dlq.queueName);
  const messages = await peekDeadLetters(sqs, queue.queueUrl, options.max);
  if (options.json) {
    context.print(JSON.stringify(messages, null, 2));
    return;
  }
  for (const message of messages) context.print(formatDeadLetter(message));
  context.note(`${messages.length} message(s) shown from '${dlq.queueName}'; they are still in the queue`);
}

/** One dead letter as a few aligned lines. */
function formatDeadLetter(message: ExplainedDeadLetter): string {
  const event = message.event;
  const lines = [
    `${message.messageId}${message.sentAt ? `  sent ${message.sentAt}` : ''}${message.receiveCount !== undefined ? `  receives ${message.receiveCount}` : ''}`,
    ...(event
      ? [
          `  event   ${event.detailType ?? '?'} from ${event.source ?? '?'}${event.correlationId ? `, order ${event.correlationId}` : ''}${event.eventId ? `, eventId ${event.eventId}` : ''}`,
        ]
      : [`  body    ${message.body.length > 120 ? `${message.body.slice(0, 117)}...` : message.body}`]),
    `  reason  ${message.origin}: ${message.reason}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function redrive(serviceOrQueue: string, options: RedriveOptions, context: CliContext): Promise<void> {
  const target = resolveAwsTarget(options, context.env);
  const dlq = resolveDeadLetterQueue(serviceOrQueue, target.variant, target.stage);
  const sqs = sqsClient(target, context);
  const source = await requireQueue(sqs, dlq.queueName);
  const destinationName = options.to ?? dlq.homeQueueName;
  const destination = destinationName === undefined ? undefined : await requireQueue(sqs, destinationName);

  if (dlq.kind === 'target' || dlq.kind === 'audit') {
    if (!destination) throw new UsageError(`'${dlq.queueName}' has no queue to go back to; give one with --to`);
    const outcome = await moveMessages(sqs, source.queueUrl, destination.queueUrl);
    report(
      context,
      options.json,
      { queue: dlq.queueName, destination: destination.queueName, method: 'receive-send-delete', ...outcome },
      `moved ${outcome.moved} message(s) from '${dlq.queueName}' to '${destination.queueName}'${outcome.failed > 0 ? `; ${outcome.failed} could not be sent and stay in the DLQ` : ''}`,
    );
    if (outcome.failed > 0)
      throw new CommandFailedError(
        `${outcome.failed} message(s) could not be moved to '${destination.queueName}'`,
        true,
      );
    return;
  }

  const task = await startMoveTask(sqs, source.queueArn, destination?.queueArn);
  const whereTo = destination ? `'${destination.queueName}'` : 'their source queues';
  const started = {
    queue: dlq.queueName,
    destination: destination?.queueName,
    method: 'message-move-task',
    taskHandle: task.taskHandle,
  };
  if (!options.wait) {
    report(
      context,
      options.json,
      started,
      `started moving '${dlq.queueName}' to ${whereTo}; task handle ${task.taskHandle}`,
    );
    return;
  }
  context.note(
    `moving '${dlq.queueName}' to ${whereTo}; task handle ${task.taskHandle}; waiting up to ${options.timeout} s`,
  );
  const outcome = await waitForMoveTask(sqs, task, source.queueUrl, {
    sleep: context.sleep,
    now: context.now,
    timeoutMs: options.timeout * 1000,
    intervalMs: 2000,
  });
  report(
    context,
    options.json,
    { ...started, ...outcome },
    `move task ${outcome.status}${outcome.moved !== undefined ? `: ${outcome.moved} message(s) moved` : ''}${outcome.observedBy === 'queue-depth' ? ' (the endpoint has no ListMessageMoveTasks; the DLQ is empty)' : ''}`,
  );
  if (outcome.status !== 'COMPLETED') {
    throw new CommandFailedError(
      `move task ${task.taskHandle} ended ${outcome.status}${outcome.failureReason ? `: ${outcome.failureReason}` : ''}`,
    );
  }
}

function report(context: CliContext, json: boolean | undefined, result: object, line: string): void {
  if (json) context.print(JSON.stringify(result, null, 2));
  else context.print(line);
}
