import type { TraceEvent } from '../local/trace';

/**
 * What the saga invariants are checked against: the state of the service tables and the queues
 * once a run has drained, plus what was published. Read from the local cloud (or, later, from a
 * deployed app) by a snapshot reader; the checker itself is pure.
 */
export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';

/** What was ordered: the lines, and the currency of the prices. */
export interface OrderContentState {
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly unitPrice?: number }[];
  readonly currency: string;
}

export interface OrderState {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly cancellationReason?: string;
  /** What the orders service recorded as ordered, once it saw the OrderPlaced. */
  readonly content?: OrderContentState;
}

export interface StockState {
  readonly sku: string;
  /** Stock when the run started (the seed). */
  readonly initial: number;
  /** Stock in the inventory table now. */
  readonly current: number;
}

export interface ReservationState {
  readonly orderId: string;
  /** FAILED and VOIDED took no stock; RELEASED gave it back. */
  readonly status: 'RESERVED' | 'FAILED' | 'RELEASED' | 'VOIDED';
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  /** @default - not compared */
  readonly amount?: number;
  /** @default - not compared */
  readonly currency?: string;
}

export interface ChargeState {
  readonly orderId: string;
  /** REFUNDED was charged and paid back; VOIDED was never charged. */
  readonly status: 'CHARGED' | 'DECLINED' | 'REFUNDED' | 'VOIDED';
  readonly amount: number;
  /** @default - not compared */
  readonly currency?: string;
  /** @default - not compared */
  readonly lines?: readonly { readonly sku: string; readonly quantity: number }[];
}

export interface NotificationState {
  readonly orderId: string;
  readonly outcome: string;
}

export interface DeadLetterState {
  readonly queue: string;
  readonly messageId: string;
  readonly body: string;
  /** The reason the handler gave (message attribute), when it dead-lettered the message itself. */
  readonly reason?: string;
}

export interface SagaSnapshot {
  /** Order ids the run published (the orders that must all end terminal). */
  readonly publishedOrderIds: readonly string[];
  /** Messages the run sent on purpose that no consumer can process (must end in a DLQ). */
  readonly expectedPoisonMessages: number;
  readonly orders: readonly OrderState[];
  readonly stock: readonly StockState[];
  readonly reservations: readonly ReservationState[];
  readonly charges: readonly ChargeState[];
  readonly notifications: readonly NotificationState[];
  readonly deadLetters: readonly DeadLetterState[];
  /** Messages still visible or in flight in the consumer queues (delayed ones are timers set for later). */
  readonly messagesInFlight: number;
  /**
   * The run's trace. With it, the delivery invariants are checked too: "no event lost" and
   * "dead letters explained".
   * @default - delivery invariants not checked
   */
  readonly trace?: readonly TraceEvent[];
  /**
   * Target ids of every rule (the app model's rules), so a target that never saw an event is
   * noticed even when the trace never names it.
   * @default - the targets the trace names for each rule
   */
  readonly ruleTargets?: Readonly<Record<string, readonly string[]>>;
}
