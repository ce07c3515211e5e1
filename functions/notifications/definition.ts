import { defineSagaService } from '../shared/saga-service';
import { NOTIFICATIONS_CONSUMES, handleNotificationsEvent } from './service';
import { NotificationsStore } from './store';

/** The notifications service, one definition for the SQS handler and the Step Functions task. */
export const notificationsService = defineSagaService({
  name: 'notifications',
  consumes: NOTIFICATIONS_CONSUMES,
  store: NotificationsStore,
  handle: handleNotificationsEvent,
});
