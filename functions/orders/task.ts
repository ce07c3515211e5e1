/**
 * The orders service as Step Functions tasks (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `RecordOrder` takes OrderPlaced → records the order PENDING; returns no event.
 * - `ConfirmOrder` takes ShipmentScheduled → CONFIRMED; returns the OrderConfirmed the state
 *   machine puts on the bus (deterministic `metadata.eventId`).
 * - `CancelOrder` takes StockReservationFailed or StockReleased → CANCELLED; returns OrderCancelled.
 */
import {
  createSagaTaskHandler,
  defaultTaskDeps,
  lazyTaskHandler,
  type SagaTaskHandler,
  type TaskDeps,
} from '../shared/task-handler';
import type { SagaTaskInput, SagaTaskOutput, TaskAction } from '../shared/task-input';
import { handleOrdersEvent, type OrdersEvent } from './service';
import { OrdersStore } from './store';

export type { SagaTaskInput, SagaTaskOutput };

/** The actions of the orders task function, by the name its Task states send. */
export const ORDERS_TASK_ACTIONS = {
  RecordOrder: { consumes: ['OrderPlaced'], emits: [] },
  ConfirmOrder: { consumes: ['ShipmentScheduled'], emits: ['OrderConfirmed'] },
  CancelOrder: { consumes: ['StockReservationFailed', 'StockReleased'], emits: ['OrderCancelled'] },
} as const satisfies Record<string, TaskAction<OrdersEvent['detailType']>>;

/** The orders task handler, built from `deps` (a mocked client in tests). */
export function createTaskHandler(deps: TaskDeps): SagaTaskHandler {
  return createSagaTaskHandler(deps, {
    service: 'orders',
    actions: ORDERS_TASK_ACTIONS,
    useCase: (config) => {
      const store = new OrdersStore(deps.documentClient, config.tableName);
      return (event, now) => handleOrdersEvent(store, event, now);
    },
  });
}

/** Lambda entry point of the orders task function. */
export const handler = lazyTaskHandler(() => createTaskHandler(defaultTaskDeps()));
