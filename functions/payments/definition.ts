import { defineSagaService } from '../shared/saga-service';
import { PAYMENTS_CONSUMES, handlePaymentsEvent } from './service';
import { PaymentsStore } from './store';

/** The payments service, one definition for the SQS handler and the Step Functions task. */
export const paymentsService = defineSagaService({
  name: 'payments',
  consumes: PAYMENTS_CONSUMES,
  store: PaymentsStore,
  handle: handlePaymentsEvent,
});
