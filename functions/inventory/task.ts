/**
 * The inventory service as Step Functions tasks (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `ReserveStock` takes OrderPlaced → reserves every line or none; returns StockReserved, or
 *   StockReservationFailed (out of stock, unknown SKU) as data for the Choice state.
 * - `ReleaseStock` (compensation) takes PaymentFailed → gives the reservation back once;
 *   returns StockReleased.
 */
import {
  createSagaTaskHandler,
  defaultTaskDeps,
  lazyTaskHandler,
  type SagaTaskHandler,
  type TaskDeps,
} from '../shared/task-handler';
import type { SagaTaskInput, SagaTaskOutput, TaskAction } from '../shared/task-input';
import { handleInventoryEvent, type InventoryEvent } from './service';
import { InventoryStore } from './store';

export type { SagaTaskInput, SagaTaskOutput };

/** The actions of the inventory task function, by the name its Task states send. */
export const INVENTORY_TASK_ACTIONS = {
  ReserveStock: { consumes: ['OrderPlaced'], emits: ['StockReserved', 'StockReservationFailed'] },
  ReleaseStock: { consumes: ['PaymentFailed'], emits: ['StockReleased'] },
} as const satisfies Record<string, TaskAction<InventoryEvent['detailType']>>;

/** The inventory task handler, built from `deps` (a mocked client in tests). */
export function createTaskHandler(deps: TaskDeps): SagaTaskHandler {
  return createSagaTaskHandler(deps, {
    service: 'inventory',
    actions: INVENTORY_TASK_ACTIONS,
    useCase: (config) => {
      const store = new InventoryStore(deps.documentClient, config.tableName);
      return (event, now) => handleInventoryEvent(store, event, now);
    },
  });
}

/** Lambda entry point of the inventory task function. */
export const handler = lazyTaskHandler(() => createTaskHandler(defaultTaskDeps()));
