import { createSqsHandler, sqsHandlerOf, type SqsBatchHandler } from '../shared/sqs-consumer';
import type { ServiceDeps } from '../shared/service-deps';
import { paymentsService } from './definition';

/** The payments service's SQS handler, built from `deps` (mocked clients in tests). */
export function createHandler(deps: ServiceDeps): SqsBatchHandler {
  return createSqsHandler(paymentsService, deps);
}

/** Lambda entry point: StockReserved → charge once → PaymentCompleted | PaymentFailed. */
export const handler = sqsHandlerOf(paymentsService);
