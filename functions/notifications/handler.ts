import { lazyHandler, defaultConsumerDeps, type ConsumerDeps, type SqsBatchHandler } from '../shared/consumer-deps';
import { createSqsSagaHandler } from '../shared/sqs-consumer';
import { NOTIFICATIONS_CONSUMES, handleNotificationsEvent } from './service';
import { NotificationsStore } from './store';

/** The notifications service's SQS handler, built from `deps` (mocked clients in tests). */
export function createHandler(deps: ConsumerDeps): SqsBatchHandler {
  return createSqsSagaHandler(deps, {
    service: 'notifications',
    consumes: NOTIFICATIONS_CONSUMES,
    publishes: false,
    useCase: (config) => {
      const store = new NotificationsStore(deps.documentClient, config.tableName);
      return (event, now) => handleNotificationsEvent(store, event, now);
    },
  });
}

/** Lambda entry point: OrderConfirmed | OrderCancelled → notify the customer once. */
export const handler = lazyHandler(() => createHandler(defaultConsumerDeps()));
