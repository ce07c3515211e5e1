/**
 * The notifications service as a Step Functions task (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `Notify` takes OrderConfirmed or OrderCancelled (as the orders task returned it) → tells the
 *   customer once per order; returns no event.
 */
import {
  createTaskHandler as createSagaTaskHandler,
  taskHandlerOf,
  type SagaTaskHandler,
  type TaskActions,
} from '../shared/task-handler';
import type { SagaTaskInput, SagaTaskOutput } from '../shared/task-input';
import type { ServiceDeps } from '../shared/service-deps';
import { notificationsService } from './definition';
import type { NotificationsEvent } from './service';

export type { SagaTaskInput, SagaTaskOutput };

/** The actions of the notifications task function, by the name its Task states send. */
export const NOTIFICATIONS_TASK_ACTIONS = {
  Notify: { consumes: ['OrderConfirmed', 'OrderCancelled'], emits: [] },
} as const satisfies TaskActions<NotificationsEvent['detailType']>;

/** The notifications task handler, built from `deps` (a mocked client in tests). */
export function createTaskHandler(deps: ServiceDeps): SagaTaskHandler {
  return createSagaTaskHandler(notificationsService, NOTIFICATIONS_TASK_ACTIONS, deps);
}

/** Lambda entry point of the notifications task function. */
export const handler = taskHandlerOf(notificationsService, NOTIFICATIONS_TASK_ACTIONS);
