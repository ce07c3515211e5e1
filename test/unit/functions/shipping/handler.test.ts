import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler } from '../../../../functions/shipping/handler';
import {
  deliverOne,
  dynamoError,
  envelopeFixture,
  expectPutIfAbsent,
  handlerDeps,
  mockAwsInEachTest,
  publishedEvents,
  putItem,
  refuseFirstPutEvents,
  sqsEvent,
  sqsRecord,
} from '../builders';

const paid = envelopeFixture('payment-completed');

const aws = mockAwsInEachTest((mocks) => {
  mocks.ddb.on(GetCommand).resolves({});
  mocks.ddb.on(PutCommand).resolves({});
});

describe('shipping handler', () => {
  it('schedules the shipment once per order and publishes ShipmentScheduled', async () => {
    // Act
    const response = await createHandler(handlerDeps())(sqsEvent(sqsRecord(paid)));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expectPutIfAbsent(aws, { pk: 'SHIPMENT#ord-1001', carrier: 'DHL', estimatedDelivery: '2026-12-01' });
    expect(publishedEvents(aws)).toEqual([
      expect.objectContaining({
        detailType: 'ShipmentScheduled',
        detail: expect.objectContaining({
          data: expect.objectContaining({ shipmentId: 'shp-ord-1001', carrier: 'DHL' }),
        }),
      }),
    ]);
  });

  it('schedules nothing twice and republishes the identical ShipmentScheduled when the same event arrives twice', async () => {
    // Prepare
    await createHandler(handlerDeps())(sqsEvent(sqsRecord(paid)));
    aws.ddb.on(GetCommand).resolves({ Item: putItem(aws) });

    // Act
    await createHandler(handlerDeps({ clock: () => new Date('2027-02-02T00:00:00.000Z') }))(sqsEvent(sqsRecord(paid)));

    // Assess
    expect(aws.ddb).toHaveReceivedCommandTimes(PutCommand, 1);
    const [first, second] = publishedEvents(aws);
    expect(second).toEqual(first);
  });

  it('reports a batch item failure when the table fails', async () => {
    aws.ddb.on(PutCommand).rejects(dynamoError('ThrottlingException'));

    const { record, response } = await deliverOne(createHandler(handlerDeps()), paid);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('retries only the entry EventBridge did not accept and reports the record done', async () => {
    refuseFirstPutEvents(aws, { ErrorCode: 'InternalFailure', ErrorMessage: 'oops' });

    const { response } = await deliverOne(createHandler(handlerDeps()), paid);

    expect(response.batchItemFailures).toEqual([]);
    expect(aws.eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 2);
  });
});
