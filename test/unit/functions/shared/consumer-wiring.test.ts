import { subscriptionsOf } from '../../../../lib/contracts';
import { handler as ordersHandler } from '../../../../functions/orders/handler';
import { ConfigurationError } from '../../../../functions/shared/runtime-config';
import { sqsEvent } from '../builders';
import { allServiceDefinitions } from '../../../support/service-definitions';

/** What each service's definition says it handles, for every service in SERVICE_NAMES. */
const CONSUMES = allServiceDefinitions().map((service) => [service.name, service.consumes] as const);

describe('service wiring', () => {
  it.each(CONSUMES)('%s handles exactly the events its contracts route to it', (service, consumes) => {
    const routed = subscriptionsOf(service).map((contract) => contract.detailType);

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
