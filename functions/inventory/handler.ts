import { lazyHandler, defaultConsumerDeps, type ConsumerDeps, type SqsBatchHandler } from '../shared/consumer-deps';
import { createSqsSagaHandler } from '../shared/sqs-consumer';
import { INVENTORY_CONSUMES, handleInventoryEvent } from './service';
import { InventoryStore } from './store';

/** The inventory service's SQS handler, built from `deps` (mocked clients in tests). */
export function createHandler(deps: ConsumerDeps): SqsBatchHandler {
  return createSqsSagaHandler(deps, {
    service: 'inventory',
    consumes: INVENTORY_CONSUMES,
    publishes: true,
    useCase: (config) => {
      const store = new InventoryStore(deps.documentClient, config.tableName);
      return (event, now) => handleInventoryEvent(store, event, now);
    },
  });
}

/** Lambda entry point: OrderPlaced → reserve stock; PaymentFailed → release it. */
export const handler = lazyHandler(() => createHandler(defaultConsumerDeps()));
