import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler } from '../../../../functions/shipping/handler';
import {
  TEST_ENV,
  dynamoError,
  envelopeFixture,
  handlerDeps,
  mockAws,
  publishedEvents,
  sqsEvent,
  sqsRecord,
  type AwsMocks,
} from '../builders';

const paid = envelopeFixture('payment-completed');

let aws: AwsMocks;

beforeEach(() => {
  aws = mockAws();
  aws.ddb.on(GetCommand).resolves({});
  aws.ddb.on(PutCommand).resolves({});
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('shipping handler', () => {
  it('schedules the shipment once per order and publishes ShipmentScheduled', async () => {
    // Act
    const response = await createHandler(handlerDeps())(sqsEvent(sqsRecord(paid)));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(aws.ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: TEST_ENV.TABLE_NAME,
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: expect.objectContaining({ pk: 'SHIPMENT#ord-1001', carrier: 'DHL', estimatedDelivery: '2026-12-01' }),
    });
    expect(publishedEvents(aws)).toEqual([
      expect.objectContaining({
        detailType: 'ShipmentScheduled',
        detail: expect.objectContaining({ data: expect.objectContaining({ shipmentId: 'shp-ord-1001', carrier: 'DHL' }) }),
      }),
    ]);
  });

  it('schedules nothing twice and republishes the identical ShipmentScheduled when the same event arrives twice', async () => {
    // Prepare
    await createHandler(handlerDeps())(sqsEvent(sqsRecord(paid)));
    aws.ddb.on(GetCommand).resolves({ Item: aws.ddb.commandCalls(PutCommand)[0]?.args[0].input.Item });

    // Act
    await createHandler(handlerDeps({ clock: () => new Date('2027-02-02T00:00:00.000Z') }))(sqsEvent(sqsRecord(paid)));

    // Assess
    expect(aws.ddb).toHaveReceivedCommandTimes(PutCommand, 1);
    const [first, second] = publishedEvents(aws);
    expect(second).toEqual(first);
  });

  it('reports a batch item failure when the table fails', async () => {
    aws.ddb.on(PutCommand).rejects(dynamoError('ThrottlingException'));
    const record = sqsRecord(paid);

    const response = await createHandler(handlerDeps())(sqsEvent(record));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('retries only the entry EventBridge did not accept and reports the record done', async () => {
    aws.eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'oops' }] })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'eb-2' }] });
    const record = sqsRecord(paid);

    const response = await createHandler(handlerDeps())(sqsEvent(record));

    expect(response.batchItemFailures).toEqual([]);
    expect(aws.eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 2);
  });
});
