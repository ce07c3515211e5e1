import { createSqsHandler, sqsHandlerOf, type SqsBatchHandler } from '../shared/sqs-consumer';
import type { ServiceDeps } from '../shared/service-deps';
import { shippingService } from './definition';

/** The shipping service's SQS handler, built from `deps` (mocked clients in tests). */
export function createHandler(deps: ServiceDeps): SqsBatchHandler {
  return createSqsHandler(shippingService, deps);
}

/** Lambda entry point: PaymentCompleted → schedule the shipment once → ShipmentScheduled. */
export const handler = sqsHandlerOf(shippingService);
