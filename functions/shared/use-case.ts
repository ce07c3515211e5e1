import type { DetailType } from '../../lib/contracts';
import type { OutgoingEvent } from './event-builder';
import type { SagaEventOf } from './saga-message';

/**
 * How a delivery ended for the service's state:
 * - `applied`: this delivery decided something and recorded it;
 * - `duplicate`: the outcome was already recorded (a redelivery, a replay, or a concurrent
 *   delivery that won the race); `events` are re-derived from it, identical to the first time;
 * - `ignored`: the event no longer changes anything (e.g. a late event for an order already final).
 */
export type UseCaseOutcome = 'applied' | 'duplicate' | 'ignored';

/** What a service's use case returns: the events to publish and what happened. */
export interface UseCaseResult {
  readonly outcome: UseCaseOutcome;
  /** Events to publish. Deterministic: handling the same event again yields the same ids. */
  readonly events: readonly OutgoingEvent[];
  /** Why the event was ignored, for the log. */
  readonly note?: string;
  /**
   * The event that stands for the record's current outcome when this delivery decided nothing
   * new and publishes nothing (e.g. OrderConfirmed when a stalled order had already been
   * confirmed). Not published; a Step Functions task answers with it, because its workflow needs
   * to know where the order stands.
   */
  readonly standing?: OutgoingEvent;
  /**
   * Events the service sends itself, to arrive after the saga deadline (choreography: a delayed
   * message on its own queue, e.g. the OrderStalled that cancels an order still PENDING then).
   * A Step Functions task ignores them: the state machine's timeouts are its deadline.
   */
  readonly deadlines?: readonly OutgoingEvent[];
}

/**
 * A service's use case for the events it consumes: performs its store writes and returns the
 * events to publish. Free of SQS, so the Step Functions task adapters call the same function.
 * `now` is when the decision is made; it is stored with the outcome, so republished events carry
 * the first decision's time.
 */
export type SagaUseCase<T extends DetailType> = (event: SagaEventOf<T>, now: Date) => Promise<UseCaseResult>;
