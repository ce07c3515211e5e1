import { decideCharge, decideRefund, type Charge } from '../../../../functions/payments/domain';
import { sagaEventFixture } from '../builders';

const reserved = sagaEventFixture('stock-reserved', 'StockReserved').detail.data;
const cancelled = { orderId: 'ord-1001', customerId: 'cus-ada', reason: 'DEADLINE_EXCEEDED' };
const decision = { eventId: 'c0ffee00-0000-4000-8000-000000000010', decidedAt: '2026-11-28T12:20:00.000Z' };
const chargedBy = { eventId: 'c0ffee00-0000-4000-8000-000000000001', decidedAt: '2026-11-28T12:00:00.000Z' };

describe('payments domain: RefundPayment, the compensation of a cancelled order', () => {
  it('refunds a charge that stands, recording the cancellation that refunded it', () => {
    const charge = decideCharge(reserved, { customerId: 'cus-ada', creditLimit: 1_000_000 }, chargedBy);

    const refund = decideRefund(charge, cancelled, decision);

    expect(refund).toEqual({
      kind: 'refund',
      refunded: { ...charge, status: 'REFUNDED', refundedBy: { ...decision, reason: 'DEADLINE_EXCEEDED' } },
    });
  });

  it('voids an order cancelled before it was charged, so a late StockReserved charges nothing', () => {
    const refund = decideRefund(undefined, cancelled, decision);

    expect(refund).toMatchObject({ kind: 'void', voided: { orderId: 'ord-1001', status: 'VOIDED', amount: 0 } });
  });

  it.each<Charge['status']>(['DECLINED', 'REFUNDED', 'VOIDED'])('leaves a %s charge alone', (status) => {
    const charge = { ...decideCharge(reserved, undefined, chargedBy), status };

    expect(decideRefund(charge, cancelled, decision)).toEqual({ kind: 'nothing-to-refund', status });
  });

  it('keeps the content hash of the order it charged', () => {
    expect(decideCharge(reserved, { customerId: 'cus-ada', creditLimit: 1_000_000 }, chargedBy).orderHash).toBe(
      reserved.orderHash,
    );
  });
});
