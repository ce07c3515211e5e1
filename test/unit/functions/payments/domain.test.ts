import { chargeEvent, decideCharge, paymentIdFor, simulateProvider } from '../../../../functions/payments/domain';
import { PaymentCompleted, PaymentFailed } from '../../../../lib/contracts';
import { sagaEventFixture } from '../builders';

const reserved = sagaEventFixture('stock-reserved', 'StockReserved');
const chargedBy = { eventId: reserved.detail.metadata.eventId, decidedAt: '2026-11-28T12:00:00.000Z' };
const ada = { customerId: 'cus-ada', creditLimit: 1_000_000 };

describe('simulated payment provider', () => {
  it('approves a known customer within their limit', () => {
    expect(simulateProvider({ amount: 13900, paymentToken: 'tok_visa' }, ada)).toEqual({ approved: true });
  });

  it('approves an amount exactly at the credit limit', () => {
    expect(
      simulateProvider({ amount: 5000, paymentToken: 'tok_visa' }, { customerId: 'cus-frugal', creditLimit: 5000 }),
    ).toEqual({ approved: true });
  });

  it.each([
    ['an unknown customer', { amount: 100, paymentToken: 'tok_visa' }, undefined, 'UNKNOWN_CUSTOMER'],
    ['a token containing decline', { amount: 100, paymentToken: 'tok_decline_card' }, ada, 'CARD_DECLINED'],
    [
      'an amount over the limit',
      { amount: 5001, paymentToken: 'tok_visa' },
      { customerId: 'cus-frugal', creditLimit: 5000 },
      'LIMIT_EXCEEDED',
    ],
    [
      'an unknown customer with a declining token',
      { amount: 100, paymentToken: 'tok_decline' },
      undefined,
      'UNKNOWN_CUSTOMER',
    ],
  ] as const)('declines %s', (_, request, customer, reason) => {
    expect(simulateProvider(request, customer)).toEqual({ approved: false, reason });
  });
});

describe('payments domain', () => {
  it('charges a reserved order and derives PaymentCompleted with the payment id of the order', () => {
    // Act
    const charge = decideCharge(reserved.detail.data, ada, chargedBy);
    const event = chargeEvent(charge);

    // Assess
    expect(charge).toMatchObject({ status: 'CHARGED', paymentId: 'pay-ord-1001', amount: 13900 });
    expect(event.detailType).toBe('PaymentCompleted');
    expect(PaymentCompleted.detailSchema.safeParse(event.detail).success).toBe(true);
    expect(event.detail.data).toMatchObject({
      paymentId: 'pay-ord-1001',
      amount: 13900,
      lines: reserved.detail.data.lines,
    });
  });

  it('declines over the limit and derives PaymentFailed with the reason', () => {
    const charge = decideCharge(reserved.detail.data, { customerId: 'cus-ada', creditLimit: 100 }, chargedBy);
    const event = chargeEvent(charge);

    expect(charge).toMatchObject({ status: 'DECLINED', declineReason: 'LIMIT_EXCEEDED' });
    expect(charge.paymentId).toBeUndefined();
    expect(PaymentFailed.detailSchema.safeParse(event.detail).success).toBe(true);
    expect(event.detail.data).toMatchObject({ reason: 'LIMIT_EXCEEDED', amount: 13900 });
  });

  it('derives a payment id from the order id alone', () => {
    expect(paymentIdFor('ord-1001')).toBe(paymentIdFor('ord-1001'));
    expect(paymentIdFor('ord-1001')).not.toBe(paymentIdFor('ord-1002'));
  });

  it('derives the identical event from the recorded charge every time', () => {
    const charge = decideCharge(reserved.detail.data, ada, chargedBy);

    expect(chargeEvent(structuredClone(charge))).toEqual(chargeEvent(charge));
  });
});
