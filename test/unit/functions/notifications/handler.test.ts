import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler } from '../../../../functions/notifications/handler';
import {
  TEST_ENV,
  dynamoError,
  envelopeFixture,
  expectPutIfAbsent,
  handlerDeps,
  mockAwsInEachTest,
  sqsEvent,
  sqsRecord,
  withData,
} from '../builders';

const confirmed = envelopeFixture('order-confirmed');
/** Notifications publishes nothing, so its handler needs no bus. */
const { EVENT_BUS_NAME: _bus, ...envWithoutBus } = TEST_ENV;

const aws = mockAwsInEachTest((mocks) => {
  mocks.ddb.on(PutCommand).resolves({});
});

describe('notifications handler', () => {
  it('records one notification per order with a conditional put, and publishes nothing', async () => {
    // Act
    const response = await createHandler(handlerDeps({ env: envWithoutBus }))(sqsEvent(sqsRecord(confirmed)));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expectPutIfAbsent(aws, { pk: 'NOTIFICATION#ord-1001', outcome: 'CONFIRMED', channel: 'email' });
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('keeps the first outcome when a contradicting one arrives for the same order', async () => {
    aws.ddb.on(PutCommand).rejects(dynamoError('ConditionalCheckFailedException'));
    aws.ddb.on(GetCommand).resolves({ Item: { orderId: 'ord-1001', outcome: 'CONFIRMED' } });
    const cancelled = withData(envelopeFixture('order-cancelled'), { orderId: 'ord-1001' });

    const response = await createHandler(handlerDeps({ env: envWithoutBus }))(sqsEvent(sqsRecord(cancelled)));

    expect(response.batchItemFailures).toEqual([]);
    expect(aws.ddb).toHaveReceivedCommandTimes(PutCommand, 1);
  });
});
