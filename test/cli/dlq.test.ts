import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { sagaBusResourceNames } from '../../lib/infra/constructs/saga-event-bus';
import { auditDeadLetterQueueName } from '../../lib/ops';
import messages from '../fixtures/cli/dlq-messages.json';
import { LOCAL, choreo } from './run-cli';

const sqs = mockClient(SQSClient);
const URL_BASE = 'http://127.0.0.1:4566/000000000000';
const ARN_BASE = 'arn:aws:sqs:eu-west-1:000000000000';

/** Every queue exists, at `<base>/<name>`, with the given depth. */
function queuesExist(depth: Readonly<Record<string, number>> = {}): void {
  sqs
    .on(GetQueueUrlCommand)
    .callsFake((input: { QueueName: string }) => ({ QueueUrl: `${URL_BASE}/${input.QueueName}` }));
  sqs.on(GetQueueAttributesCommand).callsFake((input: { QueueUrl: string }) => {
    const name = input.QueueUrl.split('/').pop() ?? '';
    return {
      Attributes: {
        QueueArn: `${ARN_BASE}:${name}`,
        ApproximateNumberOfMessages: String(depth[name] ?? 0),
        ApproximateNumberOfMessagesNotVisible: '0',
      },
    };
  });
}

/** Every queue exists, and SQS starts a move task with handle `taskHandle`. */
function moveTaskStarts(taskHandle: string): void {
  queuesExist();
  sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: taskHandle });
}

/** The queue being read holds `held`: the first receive returns them all, every later one nothing. */
function queueHolds(...held: readonly Message[]): void {
  sqs
    .on(ReceiveMessageCommand)
    .resolvesOnce({ Messages: [...held] })
    .resolves({});
}

beforeEach(() => {
  sqs.reset();
});

describe('choreo dlq list', () => {
  it('lists the consumer and target DLQs of every service, and the audit DLQ, with their depth', async () => {
    queuesExist({ 'shop-choreography-payments-dlq': 3, 'shop-choreography-inventory-target-dlq': 1 });

    const run = await choreo(['dlq', 'list', ...LOCAL]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/shop-choreography-payments-dlq\s+consumer\s+payments\s+3\s+0/);
    expect(run.stdout).toMatch(/shop-choreography-inventory-target-dlq\s+target\s+inventory\s+1\s+0/);
    expect(run.stdout).toContain('shop-choreography-audit-dlq');
    expect(sqs).toHaveReceivedCommandTimes(GetQueueUrlCommand, 11);
    expect(run.stderr).toBe("4 message(s) waiting in 11 dead-letter queue(s) of 'shop-choreography'\n");
  });

  it('marks queues that do not exist instead of failing', async () => {
    queuesExist();
    sqs
      .on(GetQueueUrlCommand, { QueueName: 'dev-shop-orchestration-orders-target-dlq' })
      .rejects(Object.assign(new Error('The specified queue does not exist.'), { name: 'QueueDoesNotExist' }));

    const run = await choreo(['dlq', 'list', '--variant', 'orchestration', '--stage', 'dev', '--json', ...LOCAL]);

    const rows = JSON.parse(run.stdout) as { queueName: string; exists: boolean }[];
    expect(run.code).toBe(0);
    expect(rows.find((row) => row.queueName === 'dev-shop-orchestration-orders-target-dlq')?.exists).toBe(false);
    expect(rows.find((row) => row.queueName === 'dev-shop-orchestration-orders-dlq')?.exists).toBe(true);
  });
});

describe('choreo dlq show', () => {
  it('shows why each message is there: handler, eventbridge target or redrive policy', async () => {
    queuesExist();
    queueHolds(messages.handler, messages.eventbridge, messages.redrive);

    const run = await choreo(['dlq', 'show', 'payments', ...LOCAL]);

    expect(run.code).toBe(0);
    expect(sqs).toHaveReceivedCommandWith(ReceiveMessageCommand, {
      QueueUrl: `${URL_BASE}/shop-choreography-payments-dlq`,
      MessageAttributeNames: ['All'],
    });
    expect(run.stdout).toContain(
      'event   StockReserved from shop.inventory, order ord-1001, eventId 0b8e7c1e-1c5c-5d7e-9b7a-2f1d3c4b5a60',
    );
    expect(run.stdout).toContain(
      'reason  handler: payments gave up: PoisonMessageError: data.amount: expected number, received string (from arn:aws:sqs:eu-west-1:000000000000:shop-choreography-payments)',
    );
    expect(run.stdout).toContain(
      "reason  eventbridge: eventbridge could not deliver: SQS.KmsAccessDenied: the queue's key policy does not allow events.amazonaws.com (rule arn:aws:events:eu-west-1:000000000000:rule/shop-choreography/PaymentsStockReserved → arn:aws:sqs:eu-west-1:000000000000:shop-choreography-payments)",
    );
    expect(run.stdout).toContain(
      'reason  redrive: moved here by the redrive policy of arn:aws:sqs:eu-west-1:000000000000:shop-choreography-payments (receive count now 6)',
    );
    expect(run.stdout).toContain('body    not json at all');
  });

  it('does not consume what it shows: every message seen is made visible again', async () => {
    queuesExist();
    queueHolds(messages.handler, messages.redrive);

    const run = await choreo(['dlq', 'show', 'shop-choreography-payments-dlq', '--json', ...LOCAL]);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((message: { origin: string }) => message.origin)).toEqual(['handler', 'redrive']);
    expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityBatchCommand, {
      QueueUrl: `${URL_BASE}/shop-choreography-payments-dlq`,
      Entries: [
        { Id: '0', ReceiptHandle: 'rh-handler-1', VisibilityTimeout: 0 },
        { Id: '1', ReceiptHandle: 'rh-redrive-1', VisibilityTimeout: 0 },
      ],
    });
    expect(sqs).not.toHaveReceivedCommand(DeleteMessageBatchCommand);
  });

  it('stops at --max messages and never counts a message twice', async () => {
    queuesExist();
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [messages.handler] })
      .resolvesOnce({ Messages: [messages.handler, messages.redrive] })
      .resolves({ Messages: [messages.eventbridge] });

    const run = await choreo(['dlq', 'show', 'payments', '--max', '2', '--json', ...LOCAL]);

    expect(JSON.parse(run.stdout).map((message: { messageId: string }) => message.messageId)).toEqual([
      'm-handler-1',
      'm-redrive-1',
    ]);
    expect(sqs).toHaveReceivedNthSpecificCommandWith(2, ReceiveMessageCommand, { MaxNumberOfMessages: 1 });
  });

  it('exits 1 naming the queue when it does not exist', async () => {
    sqs
      .on(GetQueueUrlCommand)
      .rejects(Object.assign(new Error('The specified queue does not exist.'), { name: 'QueueDoesNotExist' }));

    const run = await choreo(['dlq', 'show', 'payments', '--stage', 'dev', ...LOCAL]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "error: queue 'dev-shop-choreography-payments-dlq' does not exist (is the app deployed, and are --variant, --stage and --region right?)\n",
    );
  });

  it('exits 2 for something that is neither a service nor a queue name', async () => {
    const run = await choreo(['dlq', 'show', 'pay ments!', ...LOCAL]);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: expected a service (orders, inventory, payments, shipping, notifications) or a queue name, got 'pay ments!'\n",
    );
    expect(sqs).not.toHaveReceivedAnyCommand();
  });
});

describe('choreo dlq redrive', () => {
  it('starts a move task from the consumer DLQ to the service queue and reports the handle', async () => {
    moveTaskStarts('task-1');

    const run = await choreo(['dlq', 'redrive', 'payments', ...LOCAL]);

    expect(run.code).toBe(0);
    expect(sqs).toHaveReceivedCommandWith(StartMessageMoveTaskCommand, {
      SourceArn: `${ARN_BASE}:shop-choreography-payments-dlq`,
      DestinationArn: `${ARN_BASE}:shop-choreography-payments`,
    });
    expect(run.stdout).toBe(
      "started moving 'shop-choreography-payments-dlq' to 'shop-choreography-payments'; task handle task-1\n",
    );
  });

  it('waits with --wait until ListMessageMoveTasks says the task completed', async () => {
    moveTaskStarts('task-2');
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [{ TaskHandle: 'task-2', Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 1 }] })
      .resolves({ Results: [{ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 4 }] });

    const run = await choreo([
      'dlq',
      'redrive',
      'orders',
      '--to',
      'shop-choreography-orders-replay',
      '--wait',
      ...LOCAL,
    ]);

    expect(run.code).toBe(0);
    expect(sqs).toHaveReceivedCommandWith(StartMessageMoveTaskCommand, {
      DestinationArn: `${ARN_BASE}:shop-choreography-orders-replay`,
    });
    expect(sqs).toHaveReceivedCommandTimes(ListMessageMoveTasksCommand, 2);
    expect(run.stdout).toBe('move task COMPLETED: 4 message(s) moved\n');
  });

  it('watches the DLQ depth when the endpoint has no ListMessageMoveTasks', async () => {
    moveTaskStarts('task-3');
    sqs.on(ListMessageMoveTasksCommand).rejects(
      Object.assign(new Error("unknown operation 'AmazonSQS.ListMessageMoveTasks'"), {
        name: 'UnknownOperationException',
      }),
    );

    const run = await choreo(['dlq', 'redrive', 'payments', '--wait', ...LOCAL]);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('move task COMPLETED (the endpoint has no ListMessageMoveTasks; the DLQ is empty)\n');
  });

  it('exits 1 with the failure reason when the move task fails', async () => {
    moveTaskStarts('task-4');
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolves({ Results: [{ Status: 'FAILED', FailureReason: 'AWS.SimpleQueueService.NonExistentQueue' }] });

    const run = await choreo(['dlq', 'redrive', 'payments', '--wait', ...LOCAL]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: move task task-4 ended FAILED: AWS.SimpleQueueService.NonExistentQueue');
  });

  it('exits 1 saying it is still running when --wait times out', async () => {
    moveTaskStarts('task-5');
    sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [{ TaskHandle: 'task-5', Status: 'RUNNING' }] });

    const run = await choreo(['dlq', 'redrive', 'payments', '--wait', '--timeout', '10', ...LOCAL]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: move task 'task-5' still running after 10 s");
  });

  it('moves a rule-target DLQ by receive, send and delete, since SQS cannot move it', async () => {
    queuesExist();
    queueHolds(messages.eventbridge, messages.handler);
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [{ Id: '0', MessageId: 'n1', MD5OfMessageBody: 'x' }],
      Failed: [{ Id: '1', SenderFault: true, Code: 'InvalidMessageContents' }],
    });
    sqs.on(DeleteMessageBatchCommand).resolves({ Successful: [{ Id: '0' }] });

    const run = await choreo(['dlq', 'redrive', 'shop-choreography-payments-target-dlq', ...LOCAL]);

    expect(sqs).not.toHaveReceivedCommand(StartMessageMoveTaskCommand);
    expect(sqs).toHaveReceivedCommandWith(SendMessageBatchCommand, {
      QueueUrl: `${URL_BASE}/shop-choreography-payments`,
      Entries: [
        { Id: '0', MessageBody: messages.eventbridge.Body },
        { Id: '1', MessageBody: messages.handler.Body },
      ],
    });
    expect(sqs).toHaveReceivedCommandWith(DeleteMessageBatchCommand, {
      QueueUrl: `${URL_BASE}/shop-choreography-payments-target-dlq`,
      Entries: [{ Id: '0', ReceiptHandle: 'rh-target-1' }],
    });
    expect(run.stdout).toContain(
      "moved 1 message(s) from 'shop-choreography-payments-target-dlq' to 'shop-choreography-payments'; 1 could not be sent and stay in the DLQ",
    );
    expect(run.code).toBe(1);
  });

  it('exits 2 when the audit DLQ is redriven without --to', async () => {
    queuesExist();

    const run = await choreo(['dlq', 'redrive', 'shop-choreography-audit-dlq', ...LOCAL]);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: 'shop-choreography-audit-dlq' has no queue to go back to; give one with --to\n");
  });
});

describe('dead-letter queue names', () => {
  it('name the audit DLQ as the infrastructure does', () => {
    expect(auditDeadLetterQueueName('choreography', 'dev')).toBe(
      sagaBusResourceNames('choreography', 'dev').auditDeadLetterQueue,
    );
  });
});
