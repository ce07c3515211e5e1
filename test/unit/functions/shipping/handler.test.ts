import { createHandler } from '../../../../functions/shipping/handler';
import {
  emptyTable,
  envelopeFixture,
  expectPutIfAbsent,
  handlerDeps,
  mockAwsInEachTest,
  publishedEvents,
  sqsEvent,
  sqsRecord,
} from '../builders';

const paid = envelopeFixture('payment-completed');

const aws = mockAwsInEachTest(emptyTable);

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
});
