/**
 * The shipping service as a Step Functions task (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `ScheduleShipment` takes PaymentCompleted → schedules once per order; returns ShipmentScheduled.
 */
import {
  createTaskHandler as createSagaTaskHandler,
  taskHandlerOf,
  type SagaTaskHandler,
  type TaskActions,
} from '../shared/task-handler';
import type { SagaTaskInput, SagaTaskOutput } from '../shared/task-input';
import type { ServiceDeps } from '../shared/service-deps';
import { shippingService } from './definition';
import type { ShippingEvent } from './service';

export type { SagaTaskInput, SagaTaskOutput };

/** The actions of the shipping task function, by the name its Task states send. */
export const SHIPPING_TASK_ACTIONS = {
  ScheduleShipment: { consumes: ['PaymentCompleted'], emits: ['ShipmentScheduled'] },
} as const satisfies TaskActions<ShippingEvent['detailType']>;

/** The shipping task handler, built from `deps` (a mocked client in tests). */
export function createTaskHandler(deps: ServiceDeps): SagaTaskHandler {
  return createSagaTaskHandler(shippingService, SHIPPING_TASK_ACTIONS, deps);
}

/** Lambda entry point of the shipping task function. */
export const handler = taskHandlerOf(shippingService, SHIPPING_TASK_ACTIONS);
