/**
 * Payment decisions, pure: the simulated payment provider's deterministic rules and the events a
 * charge leads to. No SDK, no clock.
 */
import type { EventData } from '../../lib/contracts';
import { buildEvent, type OutgoingEvent } from '../shared/event-builder';
import { deriveOrderScopedId } from '../shared/derived-id';

export type DeclineReason = EventData<'PaymentFailed'>['reason'];
export type ChargeStatus = 'CHARGED' | 'DECLINED';

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
  /** The StockReserved that caused the attempt, and when it was decided. */
  readonly chargedBy: { readonly eventId: string; readonly decidedAt: string };
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
  if (charge.status === 'CHARGED') {
    return buildEvent(
      'PaymentCompleted',
      {
        orderId: charge.orderId,
        customerId: charge.customerId,
        paymentId: charge.paymentId ?? paymentIdFor(charge.orderId),
        amount: charge.amount,
        currency: charge.currency,
        lines: charge.lines.map((line) => ({ ...line })),
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
