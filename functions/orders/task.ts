/**
 * The orders service as Step Functions tasks (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `RecordOrder` takes OrderPlaced → records the order PENDING; returns no event.
 * - `ConfirmOrder` takes ShipmentScheduled → CONFIRMED; returns the OrderConfirmed the state
 *   machine puts on the bus (deterministic `metadata.eventId`).
 * - `CancelOrder` takes StockReservationFailed or StockReleased → CANCELLED; returns OrderCancelled.
 * - `AbandonOrder` takes the saga's OrderPlaced with a `reason` (DEADLINE_EXCEEDED when a step
 *   timed out for good, TECHNICAL_FAILURE when it failed for good) and a `cause`, as the
 *   OrderStalled the choreographed deadline delivers → a PENDING order is CANCELLED; returns
 *   OrderCancelled, which the workflow compensates (RefundPayment, ReleaseReservation), or the
 *   OrderConfirmed of an order that was confirmed after all.
 */
import { STALL_REASONS, type EventData } from '../../lib/contracts';
import { InvalidTaskInputError } from '../shared/task-errors';
import { sagaTaskFunction, type TaskActions } from '../shared/task-handler';
import { ordersService } from './definition';
import { stallEvent } from './domain';
import type { OrdersEvent } from './service';

export type { SagaTaskInput, SagaTaskOutput } from '../shared/task-input';

/** The actions of the orders task function, by the name its Task states send. */
export const ORDERS_TASK_ACTIONS = {
  RecordOrder: { consumes: ['OrderPlaced'], emits: [] },
  ConfirmOrder: { consumes: ['ShipmentScheduled'], emits: ['OrderConfirmed'] },
  CancelOrder: { consumes: ['StockReservationFailed', 'StockReleased'], emits: ['OrderCancelled'] },
  AbandonOrder: {
    consumes: ['OrderStalled'],
    emits: ['OrderCancelled', 'OrderConfirmed'],
    derivedFrom: {
      detailType: 'OrderPlaced',
      derive: (event, input) => {
        if (event.detailType !== 'OrderPlaced')
          throw new InvalidTaskInputError('orders', 'AbandonOrder takes OrderPlaced');
        const reason = STALL_REASONS.find((known) => known === input.reason);
        if (!reason) {
          throw new InvalidTaskInputError(
            'orders',
            `AbandonOrder needs a reason of '${STALL_REASONS.join("', '")}', got '${String(input.reason)}'`,
          );
        }
        const placed: EventData<'OrderPlaced'> = event.detail.data;
        return stallEvent(placed, event.detail.metadata.eventId, reason, input.cause ?? reason);
      },
    },
  },
} as const satisfies TaskActions<OrdersEvent['detailType']>;

/** `handler`: the Lambda entry point of the orders task function; `createTaskHandler(deps)`: the same with mocked clients. */
export const { handler, createTaskHandler } = sagaTaskFunction(ordersService, ORDERS_TASK_ACTIONS);
