import { createSqsHandler, sqsHandlerOf, type SqsBatchHandler } from '../shared/sqs-consumer';
import type { ServiceDeps } from '../shared/service-deps';
import { ordersService } from './definition';

/** The orders service's SQS handler, built from `deps` (mocked clients in tests). */
export function createHandler(deps: ServiceDeps): SqsBatchHandler {
  return createSqsHandler(ordersService, deps);
}

/**
 * Lambda entry point: OrderPlaced → PENDING; ShipmentScheduled → CONFIRMED + OrderConfirmed;
 * StockReservationFailed | StockReleased → CANCELLED + OrderCancelled.
 */
export const handler = sqsHandlerOf(ordersService);
