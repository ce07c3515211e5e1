/**
 * The inventory service as Step Functions tasks (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `ReserveStock` takes OrderPlaced → reserves every line or none; returns StockReserved, or
 *   StockReservationFailed (out of stock, unknown SKU) as data for the Choice state.
 * - `ReleaseStock` (compensation) takes PaymentFailed → gives the reservation back once;
 *   returns StockReleased.
 * - `ReleaseReservation` (compensation) takes OrderCancelled → gives any reservation back once, or
 *   voids the order so that nothing is reserved later; returns no event.
 */
import { sagaTaskFunction, type TaskActions } from '../shared/task-handler';
import { inventoryService } from './definition';
import type { InventoryEvent } from './service';

export type { SagaTaskInput, SagaTaskOutput } from '../shared/task-input';

/** The actions of the inventory task function, by the name its Task states send. */
export const INVENTORY_TASK_ACTIONS = {
  ReserveStock: { consumes: ['OrderPlaced'], emits: ['StockReserved', 'StockReservationFailed'] },
  ReleaseStock: { consumes: ['PaymentFailed'], emits: ['StockReleased'] },
  ReleaseReservation: { consumes: ['OrderCancelled'], emits: [] },
} as const satisfies TaskActions<InventoryEvent['detailType']>;

/** `handler`: the Lambda entry point of the inventory task function; `createTaskHandler(deps)`: the same with mocked clients. */
export const { handler, createTaskHandler } = sagaTaskFunction(inventoryService, INVENTORY_TASK_ACTIONS);
