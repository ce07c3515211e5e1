/**
 * The payments service as a Step Functions task (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `ProcessPayment` takes StockReserved → charges once per order; returns PaymentCompleted, or
 *   PaymentFailed (declined) as data for the Choice state.
 * - `RefundPayment` (compensation) takes OrderCancelled → refunds the order's charge once, or
 *   voids the order so that nothing is charged later; returns no event.
 */
import { sagaTaskFunction, type TaskActions } from '../shared/task-handler';
import { paymentsService } from './definition';
import type { PaymentsEvent } from './service';

export type { SagaTaskInput, SagaTaskOutput } from '../shared/task-input';

/** The actions of the payments task function, by the name its Task states send. */
export const PAYMENTS_TASK_ACTIONS = {
  ProcessPayment: { consumes: ['StockReserved'], emits: ['PaymentCompleted', 'PaymentFailed'] },
  RefundPayment: { consumes: ['OrderCancelled'], emits: [] },
} as const satisfies TaskActions<PaymentsEvent['detailType']>;

/** `handler`: the Lambda entry point of the payments task function; `createTaskHandler(deps)`: the same with mocked clients. */
export const { handler, createTaskHandler } = sagaTaskFunction(paymentsService, PAYMENTS_TASK_ACTIONS);
