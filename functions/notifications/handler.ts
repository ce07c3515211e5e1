import { createSqsHandler, sqsHandlerOf, type SqsBatchHandler } from '../shared/sqs-consumer';
import type { ServiceDeps } from '../shared/service-deps';
import { notificationsService } from './definition';

/** The notifications service's SQS handler, built from `deps` (mocked clients in tests). */
export function createHandler(deps: ServiceDeps): SqsBatchHandler {
  return createSqsHandler(notificationsService, deps);
}

/** Lambda entry point: OrderConfirmed | OrderCancelled → notify the customer once. */
export const handler = sqsHandlerOf(notificationsService);
