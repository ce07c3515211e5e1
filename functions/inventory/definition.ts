import { defineSagaService } from '../shared/saga-service';
import { INVENTORY_CONSUMES, handleInventoryEvent } from './service';
import { InventoryStore } from './store';

/** The inventory service, one definition for the SQS handler and the Step Functions task. */
export const inventoryService = defineSagaService({
  name: 'inventory',
  consumes: INVENTORY_CONSUMES,
  store: InventoryStore,
  handle: handleInventoryEvent,
});
