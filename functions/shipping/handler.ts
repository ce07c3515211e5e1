import { lazyHandler, defaultConsumerDeps, type ConsumerDeps, type SqsBatchHandler } from '../shared/consumer-deps';
import { createSqsSagaHandler } from '../shared/sqs-consumer';
import { SHIPPING_CONSUMES, handleShippingEvent } from './service';
import { ShippingStore } from './store';

/** The shipping service's SQS handler, built from `deps` (mocked clients in tests). */
export function createHandler(deps: ConsumerDeps): SqsBatchHandler {
  return createSqsSagaHandler(deps, {
    service: 'shipping',
    consumes: SHIPPING_CONSUMES,
    publishes: true,
    useCase: (config) => {
      const store = new ShippingStore(deps.documentClient, config.tableName);
      return (event, now) => handleShippingEvent(store, event, now);
    },
  });
}

/** Lambda entry point: PaymentCompleted → schedule the shipment once → ShipmentScheduled. */
export const handler = lazyHandler(() => createHandler(defaultConsumerDeps()));
