import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler } from '../../../../functions/payments/handler';
import {
  arrangeCustomer,
  conditionalCheckFailed,
  deliverOne,
  dynamoError,
  envelopeFixture,
  expectPutIfAbsent,
  handlerDeps,
  mockAwsInEachTest,
  publishedEvents,
  putItem,
  withData,
} from '../builders';

const reserved = envelopeFixture('stock-reserved');
const chargeKey = { pk: 'CHARGE#ord-1001', sk: 'CHARGE' };

const aws = mockAwsInEachTest((mocks) => arrangeCustomer(mocks, 1_000_000));

/** The charge the handler wrote first. */
const chargeWritten = () => putItem(aws);

describe('payments handler', () => {
  it('charges once, guarded by a conditional put keyed by the order id, and publishes PaymentCompleted', async () => {
    // Prepare
    const handler = createHandler(handlerDeps());

    // Act
    const { response } = await deliverOne(handler, reserved);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expectPutIfAbsent(aws, { ...chargeKey, status: 'CHARGED', amount: 13900, paymentId: 'pay-ord-1001' });
    expect(publishedEvents(aws).map((event) => [event.detailType, event.detail.data.paymentId])).toEqual([
      ['PaymentCompleted', 'pay-ord-1001'],
    ]);
  });

  it('takes the recorded charge, returned by its refused put, when a concurrent delivery put it first', async () => {
    // Prepare: our put loses the race; DynamoDB refuses it with the winner's charge.
    const handler = createHandler(handlerDeps());
    await deliverOne(handler, reserved);
    const winner = chargeWritten();
    aws.ddb.on(PutCommand).rejects(conditionalCheckFailed(winner));

    // Act
    const { response } = await deliverOne(handler, reserved);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const [first, second] = publishedEvents(aws);
    expect(second).toEqual(first);
    expect(aws.ddb).not.toHaveReceivedCommandWith(GetCommand, { Key: chargeKey });
  });

  it('reads the charge when a store refuses the put without returning it (an older DynamoDB Local)', async () => {
    // Prepare
    const handler = createHandler(handlerDeps());
    await deliverOne(handler, reserved);
    const winner = chargeWritten();
    aws.ddb.on(GetCommand, { Key: chargeKey }).resolves({ Item: winner });
    aws.ddb.on(PutCommand).rejects(dynamoError('ConditionalCheckFailedException'));

    // Act
    const { response } = await deliverOne(handler, reserved);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const [first, second] = publishedEvents(aws);
    expect(second).toEqual(first);
  });

  it.each([
    ['the token contains decline', { paymentToken: 'tok_decline_card' }, 'CARD_DECLINED'],
    ['the amount is over the credit limit', { amount: 1_000_001 }, 'LIMIT_EXCEEDED'],
    ['the customer is unknown', { customerId: 'cus-nobody' }, 'UNKNOWN_CUSTOMER'],
  ])('records a DECLINED charge and publishes PaymentFailed when %s', async (_, data, reason) => {
    aws.ddb.on(GetCommand, { Key: { pk: 'CUSTOMER#cus-nobody', sk: 'CUSTOMER' } }).resolves({});
    const deps = handlerDeps();
    const addMetric = jest.spyOn(deps.metrics, 'addMetric');

    await deliverOne(createHandler(deps), withData(reserved, data));

    expect(chargeWritten()).toMatchObject({ status: 'DECLINED', declineReason: reason });
    expect(publishedEvents(aws)).toEqual([
      expect.objectContaining({
        detailType: 'PaymentFailed',
        detail: expect.objectContaining({ data: expect.objectContaining({ reason }) }),
      }),
    ]);
    expect(addMetric).toHaveBeenCalledWith('PaymentsDeclined', 'Count', 1);
  });
});
