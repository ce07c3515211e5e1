/**
 * The payments service as a Step Functions task (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `ProcessPayment` takes StockReserved → charges once per order; returns PaymentCompleted, or
 *   PaymentFailed (declined) as data for the Choice state.
 */
import {
  createSagaTaskHandler,
  defaultTaskDeps,
  lazyTaskHandler,
  type SagaTaskHandler,
  type TaskDeps,
} from '../shared/task-handler';
import type { SagaTaskInput, SagaTaskOutput, TaskAction } from '../shared/task-input';
import { handlePaymentsEvent, type PaymentsEvent } from './service';
import { PaymentsStore } from './store';

export type { SagaTaskInput, SagaTaskOutput };

/** The actions of the payments task function, by the name its Task states send. */
export const PAYMENTS_TASK_ACTIONS = {
  ProcessPayment: { consumes: ['StockReserved'], emits: ['PaymentCompleted', 'PaymentFailed'] },
} as const satisfies Record<string, TaskAction<PaymentsEvent['detailType']>>;

/** The payments task handler, built from `deps` (a mocked client in tests). */
export function createTaskHandler(deps: TaskDeps): SagaTaskHandler {
  return createSagaTaskHandler(deps, {
    service: 'payments',
    actions: PAYMENTS_TASK_ACTIONS,
    useCase: (config) => {
      const store = new PaymentsStore(deps.documentClient, config.tableName);
      return (event, now) => handlePaymentsEvent(store, event, now);
    },
  });
}

/** Lambda entry point of the payments task function. */
export const handler = lazyTaskHandler(() => createTaskHandler(defaultTaskDeps()));
