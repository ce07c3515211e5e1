/**
 * Payment decisions, pure: the simulated payment provider's deterministic rules and the events a
 * charge leads to. No SDK, no clock.
 */
import type { EventData } from '../../lib/contracts';
import { buildEvent, type OutgoingEvent } from '../shared/event-builder';
import { deriveOrderScopedId } from '../shared/derived-id';

export type DeclineReason = EventData<'PaymentFailed'>['reason'];
/**
 * CHARGED: the customer paid. DECLINED: the provider refused. REFUNDED: charged, then paid back
 * because the order was cancelled (compensation). VOIDED: the order was cancelled before any
 * charge; kept so that a late StockReserved charges nothing.
 */
export type ChargeStatus = 'CHARGED' | 'DECLINED' | 'REFUNDED' | 'VOIDED';

/** A customer the provider knows, with the most one order may cost (minor units). */
export interface Customer {
  readonly customerId: string;
  readonly creditLimit: number;
}

/**
 * The one charge attempt of an order, kept under the order id forever: whatever redelivers or
 * replays StockReserved, the order is never charged a second time.
 */
export interface Charge {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: ChargeStatus;
  readonly amount: number;
  readonly currency: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  /** Set when CHARGED. */
  readonly paymentId?: string;
  /** Set when DECLINED. */
  readonly declineReason?: DeclineReason;
  /** The content hash of the order charged for (from StockReserved); absent on a VOIDED record. */
  readonly orderHash?: string;
  /** The StockReserved that caused the attempt, and when it was decided (the OrderCancelled, when VOIDED). */
  readonly chargedBy: { readonly eventId: string; readonly decidedAt: string };
  /** Set when REFUNDED: the OrderCancelled that refunded it. */
  readonly refundedBy?: { readonly eventId: string; readonly decidedAt: string; readonly reason: string };
}

/** The token fragment the simulated provider always declines (e.g. `tok_decline_card`). */
export const DECLINING_TOKEN_FRAGMENT = 'decline';

/** The payment id of an order: derived from the order id, so the same order has one payment. */
export function paymentIdFor(orderId: string): string {
  return deriveOrderScopedId('pay', orderId);
}

/**
 * What the simulated provider answers, by rules that never depend on time or chance, checked in
 * this order: an unknown customer (UNKNOWN_CUSTOMER), a token containing `decline`
 * (CARD_DECLINED), an amount over the customer's credit limit (LIMIT_EXCEEDED); otherwise the
 * charge goes through.
 */
export function simulateProvider(
  request: { readonly amount: number; readonly paymentToken: string },
  customer: Customer | undefined,
): { readonly approved: true } | { readonly approved: false; readonly reason: DeclineReason } {
  if (!customer) return { approved: false, reason: 'UNKNOWN_CUSTOMER' };
  if (request.paymentToken.toLowerCase().includes(DECLINING_TOKEN_FRAGMENT))
    return { approved: false, reason: 'CARD_DECLINED' };
  if (request.amount > customer.creditLimit) return { approved: false, reason: 'LIMIT_EXCEEDED' };
  return { approved: true };
}

/** The charge attempt for a reserved order. */
export function decideCharge(
  reserved: EventData<'StockReserved'>,
  customer: Customer | undefined,
  chargedBy: Charge['chargedBy'],
): Charge {
  const base = {
    orderId: reserved.orderId,
    customerId: reserved.customerId,
    amount: reserved.amount,
    currency: reserved.currency,
    lines: reserved.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    orderHash: reserved.orderHash,
    chargedBy,
  };
  const answer = simulateProvider(reserved, customer);
  return answer.approved
    ? { ...base, status: 'CHARGED', paymentId: paymentIdFor(reserved.orderId) }
    : { ...base, status: 'DECLINED', declineReason: answer.reason };
}

/** PaymentCompleted or PaymentFailed, derived from the recorded charge alone (identical on every redelivery). */
export function chargeEvent(charge: Charge): OutgoingEvent {
  const cause = {
    causationId: charge.chargedBy.eventId,
    correlationId: charge.orderId,
    occurredAt: new Date(charge.chargedBy.decidedAt),
  };
  // A refunded charge was taken all the same: its StockReserved led to PaymentCompleted.
  if (charge.status === 'CHARGED' || charge.status === 'REFUNDED') {
    return buildEvent(
      'PaymentCompleted',
      {
        orderId: charge.orderId,
        customerId: charge.customerId,
        paymentId: charge.paymentId ?? paymentIdFor(charge.orderId),
        amount: charge.amount,
        currency: charge.currency,
        lines: charge.lines.map((line) => ({ ...line })),
        orderHash: charge.orderHash ?? '0'.repeat(64),
      },
      cause,
    );
  }
  return buildEvent(
    'PaymentFailed',
    {
      orderId: charge.orderId,
      customerId: charge.customerId,
      amount: charge.amount,
      currency: charge.currency,
      // A DECLINED charge always has its reason; the fallback only satisfies the type.
      reason: charge.declineReason ?? 'CARD_DECLINED',
    },
    cause,
  );
}

/** What an OrderCancelled does to the order's charge. */
export type RefundDecision =
  | { readonly kind: 'refund'; readonly refunded: Charge }
  | { readonly kind: 'void'; readonly voided: Charge }
  | { readonly kind: 'nothing-to-refund'; readonly status: ChargeStatus };

/**
 * Compensates a cancelled order: a CHARGED charge is refunded; with no charge yet, the order is
 * VOIDED so that a StockReserved arriving later charges nothing; a declined, refunded or voided
 * one is left alone.
 */
export function decideRefund(
  charge: Charge | undefined,
  cancelled: { readonly orderId: string; readonly customerId: string; readonly reason: string },
  decision: { readonly eventId: string; readonly decidedAt: string },
): RefundDecision {
  if (!charge) {
    return {
      kind: 'void',
      voided: {
        orderId: cancelled.orderId,
        customerId: cancelled.customerId,
        status: 'VOIDED',
        amount: 0,
        currency: 'XXX',
        lines: [],
        chargedBy: decision,
      },
    };
  }
  if (charge.status !== 'CHARGED') return { kind: 'nothing-to-refund', status: charge.status };
  return {
    kind: 'refund',
    refunded: { ...charge, status: 'REFUNDED', refundedBy: { ...decision, reason: cancelled.reason } },
  };
}
