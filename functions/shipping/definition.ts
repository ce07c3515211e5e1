import { defineSagaService } from '../shared/saga-service';
import { SHIPPING_CONSUMES, handleShippingEvent } from './service';
import { ShippingStore } from './store';

/** The shipping service, one definition for the SQS handler and the Step Functions task. */
export const shippingService = defineSagaService({
  name: 'shipping',
  consumes: SHIPPING_CONSUMES,
  store: ShippingStore,
  handle: handleShippingEvent,
});
