/**
 * The payments service as a Step Functions task (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `ProcessPayment` takes StockReserved → charges once per order; returns PaymentCompleted, or
 *   PaymentFailed (declined) as data for the Choice state.
 */
import {
  createTaskHandler as createSagaTaskHandler,
  taskHandlerOf,
  type SagaTaskHandler,
  type TaskActions,
} from '../shared/task-handler';
import type { SagaTaskInput, SagaTaskOutput } from '../shared/task-input';
import type { ServiceDeps } from '../shared/service-deps';
import { paymentsService } from './definition';
import type { PaymentsEvent } from './service';

export type { SagaTaskInput, SagaTaskOutput };

/** The actions of the payments task function, by the name its Task states send. */
export const PAYMENTS_TASK_ACTIONS = {
  ProcessPayment: { consumes: ['StockReserved'], emits: ['PaymentCompleted', 'PaymentFailed'] },
} as const satisfies TaskActions<PaymentsEvent['detailType']>;

/** The payments task handler, built from `deps` (a mocked client in tests). */
export function createTaskHandler(deps: ServiceDeps): SagaTaskHandler {
  return createSagaTaskHandler(paymentsService, PAYMENTS_TASK_ACTIONS, deps);
}

/** Lambda entry point of the payments task function. */
export const handler = taskHandlerOf(paymentsService, PAYMENTS_TASK_ACTIONS);
