/**
 * The notifications service as a Step Functions task (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `Notify` takes OrderConfirmed or OrderCancelled (as the orders task returned it) → tells the
 *   customer once per order; returns no event.
 */
import {
  createSagaTaskHandler,
  defaultTaskDeps,
  lazyTaskHandler,
  type SagaTaskHandler,
  type TaskDeps,
} from '../shared/task-handler';
import type { SagaTaskInput, SagaTaskOutput, TaskAction } from '../shared/task-input';
import { handleNotificationsEvent, type NotificationsEvent } from './service';
import { NotificationsStore } from './store';

export type { SagaTaskInput, SagaTaskOutput };

/** The actions of the notifications task function, by the name its Task states send. */
export const NOTIFICATIONS_TASK_ACTIONS = {
  Notify: { consumes: ['OrderConfirmed', 'OrderCancelled'], emits: [] },
} as const satisfies Record<string, TaskAction<NotificationsEvent['detailType']>>;

/** The notifications task handler, built from `deps` (a mocked client in tests). */
export function createTaskHandler(deps: TaskDeps): SagaTaskHandler {
  return createSagaTaskHandler(deps, {
    service: 'notifications',
    actions: NOTIFICATIONS_TASK_ACTIONS,
    useCase: (config) => {
      const store = new NotificationsStore(deps.documentClient, config.tableName);
      return (event, now) => handleNotificationsEvent(store, event, now);
    },
  });
}

/** Lambda entry point of the notifications task function. */
export const handler = lazyTaskHandler(() => createTaskHandler(defaultTaskDeps()));
