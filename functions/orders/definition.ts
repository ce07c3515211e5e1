import { defineSagaService } from '../shared/saga-service';
import { ORDERS_CONSUMES, handleOrdersEvent } from './service';
import { OrdersStore } from './store';

/** The orders service, one definition for the SQS handler and the Step Functions task. */
export const ordersService = defineSagaService({
  name: 'orders',
  consumes: ORDERS_CONSUMES,
  store: OrdersStore,
  handle: handleOrdersEvent,
});
