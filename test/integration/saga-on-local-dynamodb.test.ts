/**
 * Every service's use case against a real DynamoDB engine (the local cloud's embedded one),
 * so the conditional writes and transactions are evaluated, not mocked: events are routed
 * between the services in process, every delivery is made twice at the same moment, and the
 * saga invariants are checked on the tables afterwards.
 */
import { SEED_CUSTOMERS, SEED_STOCK } from '../../lib/seed/seed-data';
import { contractFor, SERVICE_NAMES, type SagaEvent, type ServiceName } from '../../lib/contracts';
import { checkSagaInvariants } from '../../lib/saga/saga-invariants';
import { buildOrderPlaced, type OutgoingEvent } from '../../functions/shared/event-builder';
import type { UseCaseResult } from '../../functions/shared/use-case';
import { useCaseOf } from '../../functions/shared/saga-service';
import { allServiceDefinitions } from '../support/service-definitions';
import { handleInventoryEvent, type InventoryEvent } from '../../functions/inventory/service';
import { InventoryStore, getStockLevels, listReservations, seedStock } from '../../functions/inventory/store';
import { listNotifications } from '../../functions/notifications/store';
import { getOrder, listOrders } from '../../functions/orders/store';
import { listCharges, seedCustomers } from '../../functions/payments/store';
import { serveLocalDynamoDb, type ServedDynamoDb, serviceTableSpec } from '../local/dynamodb/local-dynamodb-server';

/** One table per service, `it-<service>`, for every service in SERVICE_NAMES. */
const TABLES = Object.fromEntries(SERVICE_NAMES.map((service) => [service, `it-${service}`])) as Record<
  ServiceName,
  string
>;

let served: ServedDynamoDb;
let now = Date.parse('2026-11-28T12:00:00.000Z');
const clock = () => new Date((now += 1000));

beforeAll(async () => {
  served = await serveLocalDynamoDb();
  await served.dynamodb.ensureTables(Object.values(TABLES).map((TableName) => serviceTableSpec(TableName)));
  await seedStock(served.documents, TABLES.inventory, [
    ...SEED_STOCK,
    { sku: 'sku-scarce', available: 20, unitPrice: 100 },
  ]);
  await seedCustomers(served.documents, TABLES.payments, SEED_CUSTOMERS);
});

afterAll(async () => {
  await served.close();
});

function useCases(): Record<ServiceName, (event: SagaEvent) => Promise<UseCaseResult>> {
  return Object.fromEntries(
    allServiceDefinitions().map((service) => {
      const useCase = useCaseOf(service, served.documents, TABLES[service.name]);
      return [service.name, (event: SagaEvent) => useCase(event, clock())];
    }),
  ) as Record<ServiceName, (event: SagaEvent) => Promise<UseCaseResult>>;
}

/**
 * Routes events to their consumers until none is left, delivering each one twice at once (as SQS
 * at-least-once delivery may). Returns every event published, duplicates included.
 */
async function runSaga(initial: readonly OutgoingEvent[]): Promise<OutgoingEvent[]> {
  const services = useCases();
  const published: OutgoingEvent[] = [];
  const pending = [...initial];
  while (pending.length > 0) {
    const event = pending.shift() as OutgoingEvent;
    const contract = contractFor(event.detailType);
    const parsed = { detailType: event.detailType, detail: contract.detailSchema.parse(event.detail) } as SagaEvent;
    for (const consumer of contract.consumers) {
      if (!(consumer in services)) continue;
      const results = await Promise.all([0, 1].map(() => services[consumer as ServiceName](parsed)));
      for (const result of results) published.push(...result.events);
      // Both deliveries publish the same event ids; consumers would drop the second copy.
      const ids = results.map((result) => result.events.map((out) => out.detail.metadata.eventId).join());
      expect(ids[1]).toBe(ids[0]);
      pending.push(...(results[0]?.events ?? []));
    }
  }
  return published;
}

function order(
  orderId: string,
  customerId: string,
  lines: { sku: string; quantity: number }[],
  paymentToken = 'tok_visa',
) {
  return buildOrderPlaced(
    {
      orderId,
      customerId,
      lines: lines.map((line) => ({
        ...line,
        unitPrice: SEED_STOCK.find((seed) => seed.sku === line.sku)?.unitPrice ?? 100,
      })),
      currency: 'EUR',
      paymentToken,
    },
    new Date(now),
  );
}

describe('the saga on an embedded DynamoDB', () => {
  it('ends every order correctly with every event delivered twice, and every invariant holds', async () => {
    // Prepare
    const orders = [
      order('it-confirmed', 'cus-ada', [
        { sku: 'sku-keyboard', quantity: 1 },
        { sku: 'sku-mouse', quantity: 2 },
      ]),
      order('it-sold-out', 'cus-grace', [
        { sku: 'sku-mouse', quantity: 1 },
        { sku: 'sku-sold-out', quantity: 1 },
      ]),
      order('it-unknown', 'cus-grace', [{ sku: 'sku-unicorn', quantity: 1 }]),
      order('it-limit', 'cus-frugal', [{ sku: 'sku-monitor', quantity: 1 }]),
      order('it-card', 'cus-linus', [{ sku: 'sku-cable', quantity: 3 }], 'tok_decline_card'),
    ];
    const initialStock = await getStockLevels(served.documents, TABLES.inventory);

    // Act
    await runSaga(orders);

    // Assess
    const stock = await getStockLevels(served.documents, TABLES.inventory);
    const results = checkSagaInvariants({
      publishedOrderIds: orders.map((placed) => placed.detail.data.orderId),
      expectedPoisonMessages: 0,
      orders: await listOrders(served.documents, TABLES.orders),
      stock: initialStock.map((seed) => ({
        sku: seed.sku,
        initial: seed.available,
        current: stock.find((level) => level.sku === seed.sku)?.available ?? NaN,
      })),
      reservations: await listReservations(served.documents, TABLES.inventory),
      charges: (await listCharges(served.documents, TABLES.payments)).map(({ orderId, status, amount }) => ({
        orderId,
        status,
        amount,
      })),
      notifications: await listNotifications(served.documents, TABLES.notifications),
      deadLetters: [],
      messagesInFlight: 0,
    });
    expect(results.filter((result) => !result.holds)).toEqual([]);
    const statuses = Object.fromEntries(
      (await listOrders(served.documents, TABLES.orders)).map((recorded) => [
        recorded.orderId,
        `${recorded.status} ${recorded.cancellationReason ?? ''}`.trim(),
      ]),
    );
    expect(statuses).toEqual({
      'it-confirmed': 'CONFIRMED',
      'it-sold-out': 'CANCELLED OUT_OF_STOCK',
      'it-unknown': 'CANCELLED UNKNOWN_SKU',
      'it-limit': 'CANCELLED PAYMENT_DECLINED',
      'it-card': 'CANCELLED PAYMENT_DECLINED',
    });
    const confirmed = await getOrder(served.documents, TABLES.orders, 'it-confirmed');
    expect(confirmed?.history.map((change) => `${change.status} ${change.detailType}`)).toEqual([
      'PENDING OrderPlaced',
      'CONFIRMED ShipmentScheduled',
    ]);
  });

  it('reserves exactly the stock there is when 30 orders compete for 20 units', async () => {
    // Prepare
    const inventory = new InventoryStore(served.documents, TABLES.inventory);
    const contenders = Array.from({ length: 30 }, (_, index) =>
      order(`it-race-${index}`, 'cus-ada', [{ sku: 'sku-scarce', quantity: 1 }]),
    );

    // Act
    const results = await Promise.all(
      contenders.map((placed) => handleInventoryEvent(inventory, placed as InventoryEvent, clock())),
    );

    // Assess
    const outcomes = results.map((result) => result.events[0]?.detailType);
    expect(outcomes.filter((type) => type === 'StockReserved')).toHaveLength(20);
    expect(outcomes.filter((type) => type === 'StockReservationFailed')).toHaveLength(10);
    const levels = await getStockLevels(served.documents, TABLES.inventory);
    expect(levels.find((level) => level.sku === 'sku-scarce')?.available).toBe(0);
  });

  it('creates an order from its cancellation when that overtakes OrderPlaced at the orders service', async () => {
    // Prepare: inventory has already failed the order; orders sees the failure first.
    const services = useCases();
    const placed = order('it-overtaken', 'cus-ada', [{ sku: 'sku-sold-out', quantity: 2 }]);
    const [failure] = (await services.inventory(placed)).events;

    // Act
    const cancelled = await services.orders(failure as SagaEvent);
    const late = await services.orders(placed);

    // Assess
    expect(cancelled.events.map((event) => event.detailType)).toEqual(['OrderCancelled']);
    expect(late).toMatchObject({ outcome: 'ignored', events: [] });
    expect((await getOrder(served.documents, TABLES.orders, 'it-overtaken'))?.status).toBe('CANCELLED');
  });
});
