/**
 * The shipping service as a Step Functions task (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `ScheduleShipment` takes PaymentCompleted → schedules once per order; returns ShipmentScheduled.
 */
import { sagaTaskFunction, type TaskActions } from '../shared/task-handler';
import { shippingService } from './definition';
import type { ShippingEvent } from './service';

export type { SagaTaskInput, SagaTaskOutput } from '../shared/task-input';

/** The actions of the shipping task function, by the name its Task states send. */
export const SHIPPING_TASK_ACTIONS = {
  ScheduleShipment: { consumes: ['PaymentCompleted'], emits: ['ShipmentScheduled'] },
} as const satisfies TaskActions<ShippingEvent['detailType']>;

/** `handler`: the Lambda entry point of the shipping task function; `createTaskHandler(deps)`: the same with mocked clients. */
export const { handler, createTaskHandler } = sagaTaskFunction(shippingService, SHIPPING_TASK_ACTIONS);
