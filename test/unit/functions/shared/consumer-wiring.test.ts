import { subscriptionsOf, type ServiceName } from '../../../../lib/contracts';
import { INVENTORY_CONSUMES } from '../../../../functions/inventory/service';
import { NOTIFICATIONS_CONSUMES } from '../../../../functions/notifications/service';
import { ORDERS_CONSUMES } from '../../../../functions/orders/service';
import { PAYMENTS_CONSUMES } from '../../../../functions/payments/service';
import { SHIPPING_CONSUMES } from '../../../../functions/shipping/service';
import { handler as ordersHandler } from '../../../../functions/orders/handler';
import { ConfigurationError } from '../../../../functions/shared/runtime-config';
import { sqsEvent } from '../builders';

const CONSUMES: Record<ServiceName, readonly string[]> = {
  orders: ORDERS_CONSUMES,
  inventory: INVENTORY_CONSUMES,
  payments: PAYMENTS_CONSUMES,
  shipping: SHIPPING_CONSUMES,
  notifications: NOTIFICATIONS_CONSUMES,
};

describe('service wiring', () => {
  it.each(Object.entries(CONSUMES))('%s handles exactly the events its contracts route to it', (service, consumes) => {
    const routed = subscriptionsOf(service as ServiceName).map((contract) => contract.detailType);

    expect([...consumes].sort()).toEqual(routed.sort());
  });

  it('fails the invocation, naming the variable, when the default handler has no table name', async () => {
    // Prepare: the default handler reads process.env on its first invocation.
    const saved = process.env.TABLE_NAME;
    delete process.env.TABLE_NAME;

    try {
      // Act / Assess
      await expect(ordersHandler(sqsEvent())).rejects.toThrow(ConfigurationError);
      await expect(ordersHandler(sqsEvent())).rejects.toThrow("'TABLE_NAME'");
    } finally {
      if (saved !== undefined) process.env.TABLE_NAME = saved;
    }
  });
});
