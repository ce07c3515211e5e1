import { lazyHandler, defaultConsumerDeps, type ConsumerDeps, type SqsBatchHandler } from '../shared/consumer-deps';
import { createSqsSagaHandler } from '../shared/sqs-consumer';
import { PAYMENTS_CONSUMES, handlePaymentsEvent } from './service';
import { PaymentsStore } from './store';

/** The payments service's SQS handler, built from `deps` (mocked clients in tests). */
export function createHandler(deps: ConsumerDeps): SqsBatchHandler {
  return createSqsSagaHandler(deps, {
    service: 'payments',
    consumes: PAYMENTS_CONSUMES,
    publishes: true,
    useCase: (config) => {
      const store = new PaymentsStore(deps.documentClient, config.tableName);
      return (event, now) => handlePaymentsEvent(store, event, now);
    },
  });
}

/** Lambda entry point: StockReserved → charge once → PaymentCompleted | PaymentFailed. */
export const handler = lazyHandler(() => createHandler(defaultConsumerDeps()));
