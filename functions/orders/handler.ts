import { lazyHandler, defaultConsumerDeps, type ConsumerDeps, type SqsBatchHandler } from '../shared/consumer-deps';
import { createSqsSagaHandler } from '../shared/sqs-consumer';
import { ORDERS_CONSUMES, handleOrdersEvent } from './service';
import { OrdersStore } from './store';

/** The orders service's SQS handler, built from `deps` (mocked clients in tests). */
export function createHandler(deps: ConsumerDeps): SqsBatchHandler {
  return createSqsSagaHandler(deps, {
    service: 'orders',
    consumes: ORDERS_CONSUMES,
    publishes: true,
    useCase: (config) => {
      const store = new OrdersStore(deps.documentClient, config.tableName);
      return (event, now) => handleOrdersEvent(store, event, now);
    },
  });
}

/**
 * Lambda entry point: OrderPlaced → PENDING; ShipmentScheduled → CONFIRMED + OrderConfirmed;
 * StockReservationFailed | StockReleased → CANCELLED + OrderCancelled.
 */
export const handler = lazyHandler(() => createHandler(defaultConsumerDeps()));
