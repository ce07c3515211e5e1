import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictingOrderError } from '../../../../functions/shared/conflicting-order-error';
import { DeadLetterQueue } from '../../../../functions/shared/dead-letter';
import { DeadLetterLedger } from '../../../../functions/shared/dead-letter-ledger';
import { Logger } from '@aws-lambda-powertools/logger';
import { DEAD_LETTER_ATTRIBUTES, MAX_ORDER_TOTAL_MINOR_UNITS, type ServiceName } from '../../../../lib/contracts';
import type { SqsBatchHandler } from '../../../../functions/shared/sqs-consumer';
import type { ServiceDeps } from '../../../../functions/shared/service-deps';
import { createHandler as inventoryHandler } from '../../../../functions/inventory/handler';
import { createHandler as notificationsHandler } from '../../../../functions/notifications/handler';
import { createHandler as ordersHandler } from '../../../../functions/orders/handler';
import { createHandler as paymentsHandler } from '../../../../functions/payments/handler';
import { createHandler as shippingHandler } from '../../../../functions/shipping/handler';
import {
  SOURCE_QUEUE_ARN,
  TEST_ENV,
  envelopeFixture,
  handlerDeps,
  invalidFixtureBody,
  mockAwsInEachTest,
  sqsEvent,
  sqsRecord,
  dynamoError,
  withData,
  type EventFixture,
} from '../builders';

/** Each service with its handler factory and an event it does NOT consume. */
const SERVICES: readonly [ServiceName, (deps: ServiceDeps) => SqsBatchHandler, EventFixture][] = [
  ['orders', ordersHandler, 'stock-reserved'],
  ['inventory', inventoryHandler, 'shipment-scheduled'],
  ['payments', paymentsHandler, 'order-placed'],
  ['shipping', shippingHandler, 'payment-failed'],
  ['notifications', notificationsHandler, 'order-placed'],
];

/** Invalid bodies and the error each is dead-lettered with. */
const INVALID_BODIES: readonly [string, () => string, string][] = [
  ['unparseable json', () => '{"detail-type": "OrderPlaced", ', 'MalformedJsonError'],
  [
    'a body that is not an eventbridge event',
    () => invalidFixtureBody('not-an-envelope'),
    'NotAnEventBridgeEventError',
  ],
  ['an unknown detail type', () => invalidFixtureBody('unknown-detail-type'), 'UnknownDetailTypeError'],
];

const aws = mockAwsInEachTest((mocks) => {
  mocks.ddb.on(GetCommand).resolves({});
});

/** The handler touched its table only to note the dead letter in its ledger. */
function expectOnlyTheLedgerWritten(): void {
  expect(aws.ddb.calls().map((call) => call.args[0].constructor.name)).toEqual(['PutCommand', 'UpdateCommand']);
  expect(aws.ddb.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({ entity: 'DEADLETTER' });
}

function deadLetterAttributes(): Record<string, string | undefined> {
  const attributes = aws.sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageAttributes ?? {};
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, value.StringValue]));
}

describe.each(SERVICES)('%s handler with a message it can never handle', (service, createHandler, unconsumed) => {
  it.each(INVALID_BODIES)('dead-letters %s with its reason and reports the record done', async (_, body, errorName) => {
    // Prepare
    const handler = createHandler(handlerDeps());
    const record = sqsRecord(body());

    // Act
    const response = await handler(sqsEvent(record));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(aws.sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: TEST_ENV.DEAD_LETTER_QUEUE_URL,
      MessageBody: record.body,
    });
    expect(deadLetterAttributes()).toEqual({
      [DEAD_LETTER_ATTRIBUTES.reason]: expect.any(String),
      [DEAD_LETTER_ATTRIBUTES.errorName]: errorName,
      [DEAD_LETTER_ATTRIBUTES.sourceQueue]: SOURCE_QUEUE_ARN,
      [DEAD_LETTER_ATTRIBUTES.service]: service,
      [DEAD_LETTER_ATTRIBUTES.receiveCount]: '1',
    });
    expectOnlyTheLedgerWritten();
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('dead-letters an event type it does not consume, naming the service', async () => {
    const handler = createHandler(handlerDeps());

    const response = await handler(sqsEvent(sqsRecord(envelopeFixture(unconsumed))));

    expect(response.batchItemFailures).toEqual([]);
    expect(deadLetterAttributes()).toMatchObject({
      [DEAD_LETTER_ATTRIBUTES.errorName]: 'UnsubscribedDetailTypeError',
      [DEAD_LETTER_ATTRIBUTES.reason]: expect.stringContaining(`'${service}'`),
    });
  });

  it('reports the record failed, so SQS keeps it, when the dead-letter queue cannot be reached', async () => {
    aws.sqs.on(SendMessageCommand).rejects(new Error('connect ECONNREFUSED 127.0.0.1:4566'));
    const handler = createHandler(handlerDeps());
    const record = sqsRecord('not json at all');

    const response = await handler(sqsEvent(record));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
  });
});

/** The service's dead-letter queue over the mocked SQS client, with its ledger in the mocked table. */
function deadLetterQueueOf(service: ServiceName, options: { claimWaitMs?: number } = {}): DeadLetterQueue {
  return new DeadLetterQueue({
    client: new SQSClient({}),
    queueUrl: TEST_ENV.DEAD_LETTER_QUEUE_URL,
    service,
    ledger: new DeadLetterLedger(DynamoDBDocumentClient.from(new DynamoDBClient({})), TEST_ENV.TABLE_NAME),
    ...options,
  });
}

describe('dead-lettering in the orders handler', () => {
  it.each([
    ['schema-invalid-order-placed', 'InvalidDetailError', 'lines.0.quantity'],
    ['order-placed-schema-version-2', 'UnsupportedSchemaVersionError', "'2'"],
    ['order-placed-wrong-source', 'UnexpectedSourceError', "'shop.payments'"],
  ] as const)('dead-letters %s with a reason quoting the offending value', async (fixture, errorName, quoted) => {
    const handler = ordersHandler(handlerDeps());

    await handler(sqsEvent(sqsRecord(invalidFixtureBody(fixture))));

    expect(deadLetterAttributes()).toMatchObject({
      [DEAD_LETTER_ATTRIBUTES.errorName]: errorName,
      [DEAD_LETTER_ATTRIBUTES.reason]: expect.stringContaining(quoted),
    });
  });

  it('logs a dead-lettered message once, with its order id as correlation id', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error');
    const correlationIds = jest.spyOn(Logger.prototype, 'setCorrelationId');
    const handler = ordersHandler(handlerDeps());

    await handler(sqsEvent(sqsRecord(invalidFixtureBody('schema-invalid-order-placed'))));

    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]?.[1]).toMatchObject({ errorName: 'InvalidDetailError' });
    expect(correlationIds).toHaveBeenCalledWith('ord-1001');
  });

  it('handles the valid records of a batch and dead-letters only the invalid one', async () => {
    const handler = ordersHandler(handlerDeps());
    aws.ddb.on(GetCommand).resolves({});

    const response = await handler(sqsEvent(sqsRecord('{oops'), sqsRecord(envelopeFixture('order-placed'))));

    expect(response.batchItemFailures).toEqual([]);
    expect(aws.sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: TEST_ENV.DEAD_LETTER_QUEUE_URL });
    // The valid order's deadline goes to the service's own queue, not to the DLQ.
    expect(
      aws.sqs
        .commandCalls(SendMessageCommand)
        .filter((call) => call.args[0].input.QueueUrl === TEST_ENV.DEAD_LETTER_QUEUE_URL),
    ).toHaveLength(1);
  });
});

describe.each([
  ['orders', ordersHandler],
  ['inventory', inventoryHandler],
] as const)('%s handler with an order whose total breaks the money limit', (service, createHandler) => {
  it("dead-letters it at once with the contract's reason and touches nothing", async () => {
    // Prepare: each line is within the contract; their sum is above the order maximum.
    const placed = envelopeFixture('order-placed');
    const lines = Array.from({ length: 3 }, (_, index) => ({
      sku: `sku-gold-${index}`,
      quantity: 1000,
      unitPrice: 900_000_000_000,
    }));
    const handler = createHandler(handlerDeps());

    // Act
    const response = await handler(sqsEvent(sqsRecord(withData(placed, { lines }))));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(aws.sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(deadLetterAttributes()).toMatchObject({
      [DEAD_LETTER_ATTRIBUTES.errorName]: 'InvalidDetailError',
      [DEAD_LETTER_ATTRIBUTES.service]: service,
      [DEAD_LETTER_ATTRIBUTES.reason]: expect.stringContaining(
        `the order total (sum of quantity × unitPrice) must be at most ${MAX_ORDER_TOTAL_MINOR_UNITS} minor units`,
      ),
    });
    expectOnlyTheLedgerWritten();
  });
});

describe('dead-lettering once however often a message is delivered', () => {
  it('sends a poison message delivered twice to the DLQ once, with the delivery count of the first', async () => {
    // Prepare: the ledger takes the first claim and refuses the second, as a conditional put does,
    // and reads the first as sent.
    aws.ddb.reset();
    aws.ddb.on(PutCommand).resolvesOnce({}).rejectsOnce(dynamoError('ConditionalCheckFailedException'));
    aws.ddb.on(GetCommand).resolves({ Item: { state: 'sent' } });
    const handler = ordersHandler(handlerDeps());
    const record = sqsRecord('{oops', {
      attributes: { ...sqsRecord('{oops').attributes, ApproximateReceiveCount: '3' },
    });

    // Act
    const first = await handler(sqsEvent(record));
    const second = await handler(sqsEvent({ ...record, receiptHandle: 'another-delivery' }));

    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(aws.sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(deadLetterAttributes()[DEAD_LETTER_ATTRIBUTES.receiveCount]).toBe('3');
    expect(aws.ddb.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({
      pk: `DEADLETTER#message:${record.messageId}`,
    });
  });

  it('dead-letters two deliveries of one conflicting OrderPlaced once, under the conflict', async () => {
    aws.ddb.reset();
    aws.ddb.on(PutCommand).resolvesOnce({}).rejectsOnce(dynamoError('ConditionalCheckFailedException'));
    aws.ddb.on(GetCommand).resolves({ Item: { state: 'sent' } });
    const queue = deadLetterQueueOf('inventory');
    const conflict = new ConflictingOrderError('ord-1001', 'a'.repeat(64), 'b'.repeat(64));

    const outcomes = [
      await queue.send(sqsRecord('{}', { messageId: 'm-1' }), conflict),
      await queue.send(sqsRecord('{}', { messageId: 'm-2' }), conflict),
    ];

    expect(outcomes).toEqual(['sent', 'already-dead-lettered']);
    expect(aws.sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(deadLetterAttributes()[DEAD_LETTER_ATTRIBUTES.reason]).toBe('conflicting OrderPlaced for ord-1001');
    expect(aws.ddb.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({
      pk: `DEADLETTER#conflict:ord-1001:${'b'.repeat(64)}`,
    });
  });

  it('waits for a concurrent delivery that claimed a dead letter to send it, and sends nothing itself', async () => {
    aws.ddb.reset();
    aws.ddb.on(PutCommand).rejects(dynamoError('ConditionalCheckFailedException'));
    aws.ddb
      .on(GetCommand)
      .resolvesOnce({ Item: { state: 'claimed' } })
      .resolves({ Item: { state: 'sent' } });
    const handler = ordersHandler(handlerDeps());

    const response = await handler(sqsEvent(sqsRecord('{oops')));

    expect(response.batchItemFailures).toEqual([]);
    expect(aws.sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('sends again a dead letter whose claim was never marked sent (the first delivery died between claim and send)', async () => {
    aws.ddb.reset();
    aws.ddb.on(PutCommand).rejects(dynamoError('ConditionalCheckFailedException'));
    aws.ddb.on(GetCommand).resolves({ Item: { state: 'claimed' } });
    const queue = deadLetterQueueOf('orders', { claimWaitMs: 200 });

    const outcome = await queue.send(sqsRecord('{oops'), new Error('message body is not json'));

    expect(outcome).toBe('sent');
    expect(aws.sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
  });
});
