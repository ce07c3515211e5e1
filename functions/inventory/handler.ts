import { createSqsHandler, sqsHandlerOf, type SqsBatchHandler } from '../shared/sqs-consumer';
import type { ServiceDeps } from '../shared/service-deps';
import { inventoryService } from './definition';

/** The inventory service's SQS handler, built from `deps` (mocked clients in tests). */
export function createHandler(deps: ServiceDeps): SqsBatchHandler {
  return createSqsHandler(inventoryService, deps);
}

/** Lambda entry point: OrderPlaced → reserve stock; PaymentFailed → release it. */
export const handler = sqsHandlerOf(inventoryService);
