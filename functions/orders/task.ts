/**
 * The orders service as Step Functions tasks (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `RecordOrder` takes OrderPlaced → records the order PENDING; returns no event.
 * - `ConfirmOrder` takes ShipmentScheduled → CONFIRMED; returns the OrderConfirmed the state
 *   machine puts on the bus (deterministic `metadata.eventId`).
 * - `CancelOrder` takes StockReservationFailed or StockReleased → CANCELLED; returns OrderCancelled.
 */
import { sagaTaskFunction, type TaskActions } from '../shared/task-handler';
import { ordersService } from './definition';
import type { OrdersEvent } from './service';

export type { SagaTaskInput, SagaTaskOutput } from '../shared/task-input';

/** The actions of the orders task function, by the name its Task states send. */
export const ORDERS_TASK_ACTIONS = {
  RecordOrder: { consumes: ['OrderPlaced'], emits: [] },
  ConfirmOrder: { consumes: ['ShipmentScheduled'], emits: ['OrderConfirmed'] },
  CancelOrder: { consumes: ['StockReservationFailed', 'StockReleased'], emits: ['OrderCancelled'] },
} as const satisfies TaskActions<OrdersEvent['detailType']>;

/** `handler`: the Lambda entry point of the orders task function; `createTaskHandler(deps)`: the same with mocked clients. */
export const { handler, createTaskHandler } = sagaTaskFunction(ordersService, ORDERS_TASK_ACTIONS);
