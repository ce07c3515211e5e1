/**
 * The notifications service as a Step Functions task (orchestrated variant). Input and output:
 * {@link SagaTaskInput} / {@link SagaTaskOutput}.
 *
 * - `Notify` takes OrderConfirmed or OrderCancelled (as the orders task returned it) → tells the
 *   customer once per order; returns no event.
 */
import { sagaTaskFunction, type TaskActions } from '../shared/task-handler';
import { notificationsService } from './definition';
import type { NotificationsEvent } from './service';

export type { SagaTaskInput, SagaTaskOutput } from '../shared/task-input';

/** The actions of the notifications task function, by the name its Task states send. */
export const NOTIFICATIONS_TASK_ACTIONS = {
  Notify: { consumes: ['OrderConfirmed', 'OrderCancelled'], emits: [] },
} as const satisfies TaskActions<NotificationsEvent['detailType']>;

/** `handler`: the Lambda entry point of the notifications task function; `createTaskHandler(deps)`: the same with mocked clients. */
export const { handler, createTaskHandler } = sagaTaskFunction(notificationsService, NOTIFICATIONS_TASK_ACTIONS);
