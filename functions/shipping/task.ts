/**
 * The shipping service as a Step Functions task (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `ScheduleShipment` takes PaymentCompleted → schedules once per order; returns ShipmentScheduled.
 */
import {
  createSagaTaskHandler,
  defaultTaskDeps,
  lazyTaskHandler,
  type SagaTaskHandler,
  type TaskDeps,
} from '../shared/task-handler';
import type { SagaTaskInput, SagaTaskOutput, TaskAction } from '../shared/task-input';
import { handleShippingEvent, type ShippingEvent } from './service';
import { ShippingStore } from './store';

export type { SagaTaskInput, SagaTaskOutput };

/** The actions of the shipping task function, by the name its Task states send. */
export const SHIPPING_TASK_ACTIONS = {
  ScheduleShipment: { consumes: ['PaymentCompleted'], emits: ['ShipmentScheduled'] },
} as const satisfies Record<string, TaskAction<ShippingEvent['detailType']>>;

/** The shipping task handler, built from `deps` (a mocked client in tests). */
export function createTaskHandler(deps: TaskDeps): SagaTaskHandler {
  return createSagaTaskHandler(deps, {
    service: 'shipping',
    actions: SHIPPING_TASK_ACTIONS,
    useCase: (config) => {
      const store = new ShippingStore(deps.documentClient, config.tableName);
      return (event, now) => handleShippingEvent(store, event, now);
    },
  });
}

/** Lambda entry point of the shipping task function. */
export const handler = lazyTaskHandler(() => createTaskHandler(defaultTaskDeps()));
