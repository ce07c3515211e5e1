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
  createTaskHandler as createSagaTaskHandler,
  taskHandlerOf,
  type SagaTaskHandler,
  type TaskActions,
} from '../shared/task-handler';
import type { SagaTaskInput, SagaTaskOutput } from '../shared/task-input';
import type { ServiceDeps } from '../shared/service-deps';
import { inventoryService } from './definition';
import type { InventoryEvent } from './service';

export type { SagaTaskInput, SagaTaskOutput };

/** The actions of the inventory task function, by the name its Task states send. */
export const INVENTORY_TASK_ACTIONS = {
  ReserveStock: { consumes: ['OrderPlaced'], emits: ['StockReserved', 'StockReservationFailed'] },
  ReleaseStock: { consumes: ['PaymentFailed'], emits: ['StockReleased'] },
} as const satisfies TaskActions<InventoryEvent['detailType']>;

/** The inventory task handler, built from `deps` (a mocked client in tests). */
export function createTaskHandler(deps: ServiceDeps): SagaTaskHandler {
  return createSagaTaskHandler(inventoryService, INVENTORY_TASK_ACTIONS, deps);
}

/** Lambda entry point of the inventory task function. */
export const handler = taskHandlerOf(inventoryService, INVENTORY_TASK_ACTIONS);
