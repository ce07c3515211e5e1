import { conflictingOrderReason } from '../../lib/contracts';
import { classifiedErrorClass } from '../../lib/errors/classified-error';

/**
 * An OrderPlaced for an order id the service already holds with different content (another
 * content hash): a client bug or a replay of another order, never something to act on. Permanent:
 * the SQS adapter dead-letters it with its reason (once per conflicting content, see
 * `deadLetterKey`), and under orchestration the state machine's Catch ends the execution in the
 * `ConflictingOrder` Fail state without compensating the order that stands.
 */
export class ConflictingOrderError extends /* @__PURE__ */ classifiedErrorClass('ConflictingOrderError', 'conflict') {
  /** One dead letter per order and conflicting content, however often it is delivered or republished. */
  readonly deadLetterKey: string;

  constructor(
    readonly orderId: string,
    /** The content hash the service holds for the order. */
    readonly heldHash: string,
    /** The content hash of the conflicting OrderPlaced. */
    readonly conflictingHash: string,
  ) {
    super(conflictingOrderReason(orderId));
    this.deadLetterKey = `conflict:${orderId}:${conflictingHash}`;
  }
}
