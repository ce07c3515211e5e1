import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
/**
 * Builders for the function tests: SQS records and events around the JSON fixtures in
 * test/fixtures/events, mocked AWS clients, and handler dependencies with a silent logger, a
 * fixed clock and a publisher that does not sleep.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { METRICS_NAMESPACE, contractFor, isDetailType, type SagaEvent } from '../../../lib/contracts';
import type { SqsBatchHandler } from '../../../functions/shared/sqs-consumer';
import type { ServiceDeps } from '../../../functions/shared/service-deps';

// EMF output of the Metrics under test would otherwise fill the test log.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'events');

/** The valid saga event fixtures: one EventBridge event per detail type. */
export type EventFixture =
  | 'order-placed'
  | 'stock-reserved'
  | 'stock-reservation-failed'
  | 'payment-completed'
  | 'payment-failed'
  | 'stock-released'
  | 'shipment-scheduled'
  | 'order-confirmed'
  | 'order-cancelled';

/** Fixtures of messages no consumer can handle. */
export type InvalidFixture =
  | 'not-an-envelope'
  | 'unknown-detail-type'
  | 'schema-invalid-order-placed'
  | 'order-placed-schema-version-2'
  | 'order-placed-wrong-source';

/** An EventBridge event as a rule's SQS target delivers it. */
export interface EventBridgeEnvelope {
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly detail: { readonly metadata: Record<string, unknown>; readonly data: Record<string, unknown> };
  readonly [field: string]: unknown;
}

export function envelopeFixture(name: EventFixture): EventBridgeEnvelope {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as EventBridgeEnvelope;
}

export function invalidFixtureBody(name: InvalidFixture): string {
  return readFileSync(join(FIXTURES, 'invalid', `${name}.json`), 'utf8');
}

/** The fixture as the typed saga event a use case receives (validated against its contract). */
export function sagaEventFixture<T extends SagaEvent['detailType']>(
  name: EventFixture,
  detailType: T,
): Extract<SagaEvent, { detailType: T }> {
  const envelope = envelopeFixture(name);
  const type = envelope['detail-type'];
  if (!isDetailType(type) || type !== detailType) throw new Error(`fixture '${name}' is not a '${detailType}'`);
  const detail = contractFor(type).detailSchema.parse(envelope.detail);
  return { detailType, detail } as Extract<SagaEvent, { detailType: T }>;
}

/** A copy of a fixture's event with some `data` fields replaced (and so a different meaning). */
export function withData(envelope: EventBridgeEnvelope, data: Record<string, unknown>): EventBridgeEnvelope {
  return { ...envelope, detail: { ...envelope.detail, data: { ...envelope.detail.data, ...data } } };
}

/** A copy of a fixture's event with some `metadata` fields replaced (e.g. a new eventId). */
export function withMetadata(envelope: EventBridgeEnvelope, metadata: Record<string, unknown>): EventBridgeEnvelope {
  return { ...envelope, detail: { ...envelope.detail, metadata: { ...envelope.detail.metadata, ...metadata } } };
}

export const SOURCE_QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:shop-choreography-test';

let messageCounter = 0;

/** An SQS record carrying `body` (an envelope is serialised), as Lambda's event source mapping delivers it. */
export function sqsRecord(body: string | EventBridgeEnvelope, overrides: Partial<SQSRecord> = {}): SQSRecord {
  messageCounter += 1;
  return {
    messageId: `msg-${messageCounter}`,
    receiptHandle: `receipt-${messageCounter}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1764324000000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1764324000001',
    },
    messageAttributes: {},
    md5OfBody: 'not-checked',
    eventSource: 'aws:sqs',
    eventSourceARN: SOURCE_QUEUE_ARN,
    awsRegion: 'us-east-1',
    ...overrides,
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

export const TEST_ENV = {
  TABLE_NAME: 'shop-choreography-test',
  EVENT_BUS_NAME: 'shop-choreography',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/shop-choreography-test-dlq',
  OWN_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/shop-choreography-test',
} as const;

/** The time every test handler decides at. */
export const NOW = new Date('2026-11-28T12:00:00.000Z');

/**
 * Mocks of the three AWS clients the handlers use. PutEvents accepts every entry and SendMessage
 * succeeds unless a test says otherwise; DynamoDB answers nothing until a test arranges it.
 */
export function mockAws() {
  const ddb = mockClient(DynamoDBDocumentClient);
  const eventBridge = mockClient(EventBridgeClient);
  const sqs = mockClient(SQSClient);
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries?: PutEventsRequestEntry[] }) => ({
    FailedEntryCount: 0,
    Entries: (input.Entries ?? []).map((_, index) => ({ EventId: `eb-${index}` })),
  }));
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dead-letter-1' });
  return { ddb, eventBridge, sqs };
}

export type AwsMocks = ReturnType<typeof mockAws>;

/**
 * Fresh {@link mockAws} mocks before each test of the calling file, arranged by `arrange`, and
 * jest spies restored after each. Call it at the top of a test file; the object it returns is
 * filled in again before every test, so tests read `aws.ddb` as if they had mocked it themselves.
 *
 * @example const aws = mockAwsInEachTest((mocks) => mocks.ddb.on(PutCommand).resolves({}));
 */
export function mockAwsInEachTest(arrange: (mocks: AwsMocks) => void = () => undefined): AwsMocks {
  const mocks = {} as AwsMocks;
  beforeEach(() => {
    Object.assign(mocks, mockAws());
    arrange(mocks);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  return mocks;
}

/** A service table in which every read finds nothing and every put and transaction succeeds. */
export function emptyTable(mocks: AwsMocks): void {
  mocks.ddb.on(GetCommand).resolves({});
  mocks.ddb.on(PutCommand).resolves({});
  mocks.ddb.on(TransactWriteCommand).resolves({});
}

/**
 * A service table that holds `record` (a first delivery wrote it): reads find it, and writing it
 * again is refused as DynamoDB refuses a write sent with `ReturnValuesOnConditionCheckFailure:
 * 'ALL_OLD'`: with the item that failed the condition (a put's, or a transaction's last item's).
 */
export function tableHolding(mocks: AwsMocks, record: Record<string, unknown> | undefined): void {
  mocks.ddb.on(GetCommand).resolves({ Item: record });
  mocks.ddb.on(PutCommand).rejects(conditionalCheckFailed(record));
  mocks.ddb.on(TransactWriteCommand).callsFake((input: { TransactItems?: readonly unknown[] }) => {
    const items = input.TransactItems ?? [];
    throw dynamoError('TransactionCanceledException', {
      CancellationReasons: items.map((_, index) =>
        index === items.length - 1
          ? { Code: 'ConditionalCheckFailed', ...(record ? { Item: marshall(record) } : {}) }
          : { Code: 'None' },
      ),
    });
  });
}

/** The ConditionalCheckFailedException of a refused single-item write, with the item it found (wire format, as the SDK throws it). */
export function conditionalCheckFailed(existing?: Record<string, unknown>): Error {
  return dynamoError('ConditionalCheckFailedException', existing ? { Item: marshall(existing) } : {});
}

/** How a service writes its record: with a conditional put, or inside a transaction (inventory's reservation). */
export type RecordWrite = 'put' | 'transaction';

/** The record the `index`-th write of that kind wrote (of a transaction, its last item: inventory's reservation). */
export function recordWritten(mocks: AwsMocks, write: RecordWrite, index = 0): Record<string, unknown> | undefined {
  if (write === 'put') return mocks.ddb.commandCalls(PutCommand)[index]?.args[0].input.Item;
  return mocks.ddb.commandCalls(TransactWriteCommand)[index]?.args[0].input.TransactItems?.at(-1)?.Put?.Item;
}

/** How many writes of that kind the service has sent. */
export function writesSent(mocks: AwsMocks, write: RecordWrite): number {
  return write === 'put'
    ? mocks.ddb.commandCalls(PutCommand).length
    : mocks.ddb.commandCalls(TransactWriteCommand).length;
}

/** Payments' table with no charge for order ord-1001 yet, and customer cus-ada who may spend `creditLimit`. */
export function arrangeCustomer(mocks: AwsMocks, creditLimit: number): void {
  mocks.ddb.on(GetCommand, { Key: { pk: 'CHARGE#ord-1001', sk: 'CHARGE' } }).resolves({});
  mocks.ddb
    .on(GetCommand, { Key: { pk: 'CUSTOMER#cus-ada', sk: 'CUSTOMER' } })
    .resolves({ Item: { customerId: 'cus-ada', creditLimit } });
  mocks.ddb.on(PutCommand).resolves({});
}

/** The kinds of request a service sends its table. */
export type TableRequest = 'read' | 'put' | 'transaction';

/** Makes every `request` to the table fail with the DynamoDB error named `error`. */
export function failTable(mocks: AwsMocks, request: TableRequest, error: string): void {
  const rejection = dynamoError(error);
  if (request === 'read') mocks.ddb.on(GetCommand).rejects(rejection);
  if (request === 'put') mocks.ddb.on(PutCommand).rejects(rejection);
  if (request === 'transaction') mocks.ddb.on(TransactWriteCommand).rejects(rejection);
}

/** What a handler answered for a batch of one record. */
export interface Delivery {
  readonly record: SQSRecord;
  readonly response: SQSBatchResponse;
}

/** Delivers `body` to the handler as the only record of an SQS batch. */
export async function deliverOne(handler: SqsBatchHandler, body: string | EventBridgeEnvelope): Promise<Delivery> {
  const record = sqsRecord(body);
  const response = await handler(sqsEvent(record));
  return { record, response };
}

/** Makes EventBridge refuse the entries of the first PutEvents with `failure` (a partial failure), then accept. */
export function refuseFirstPutEvents(mocks: AwsMocks, failure: { ErrorCode: string; ErrorMessage: string }): void {
  mocks.eventBridge
    .on(PutEventsCommand)
    .resolvesOnce({ FailedEntryCount: 1, Entries: [failure] })
    .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'eb-2' }] });
}

/** The item of the `index`-th PutCommand the handler sent; throws if it sent fewer. */
export function putItem(mocks: AwsMocks, index = 0): Record<string, unknown> {
  const item = mocks.ddb.commandCalls(PutCommand)[index]?.args[0].input.Item;
  if (!item) throw new Error(`no PutCommand #${index}`);
  return item;
}

/** Asserts that the handler put an item with `fields` into its table, only if no item had its key. */
export function expectPutIfAbsent(mocks: AwsMocks, fields: Record<string, unknown>): void {
  expect(mocks.ddb).toHaveReceivedCommandWith(PutCommand, {
    TableName: TEST_ENV.TABLE_NAME,
    ConditionExpression: 'attribute_not_exists(pk)',
    Item: expect.objectContaining(fields),
  });
}

/** Handler dependencies around the mocked clients: silent logger, quiet metrics, fixed clock, no publisher sleeps. */
export function handlerDeps(overrides: Partial<ServiceDeps> = {}): ServiceDeps & { logger: Logger; metrics: Metrics } {
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'test', logger });
  return {
    documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
    eventBridge: new EventBridgeClient({ region: 'us-east-1' }),
    sqs: new SQSClient({ region: 'us-east-1' }),
    env: { ...TEST_ENV },
    logger,
    metrics,
    clock: () => NOW,
    publisher: { sleep: async () => undefined, random: () => 0 },
    ...overrides,
  };
}

/** The events PutEvents was called with, in call order: detail type and parsed detail of each entry. */
export function publishedEvents(
  mocks: AwsMocks,
): { detailType: string; detail: { metadata: Record<string, unknown>; data: Record<string, unknown> } }[] {
  return mocks.eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => ({ detailType: entry.DetailType ?? '', detail: JSON.parse(entry.Detail ?? '{}') }));
}

/** A DynamoDB error as the SDK throws it, by name. */
export function dynamoError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} (simulated)`), { name, $fault: 'client', $metadata: {}, ...extra });
}

/** The TransactionCanceledException DynamoDB throws, with one reason code per item. */
export function transactionCancelled(...codes: string[]): Error {
  return dynamoError('TransactionCanceledException', {
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}
