import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ItemKind, type StoredRecord } from '../functions/shared/item-kind';
import type { AppModel } from '../lib/local/assembly';
import { LocalDynamoDb, tableSpecFromTemplate } from '../lib/local/dynamodb';
import { DYNAMODB_TARGET_PREFIX, LocalEndpoint } from '../lib/local/endpoint';
import { serviceResourceNames, type ServiceName } from '../lib/contracts';
import { generateOrders, type GeneratedOrder } from '../lib/seed/order-generator';
import { SEED_CUSTOMERS, SEED_STOCK } from '../lib/seed/seed-data';
import { seedTables } from '../lib/seed/seed-tables';
import { BenchmarkError } from './bench-run';

/** Orders in flight at once: one per consumer service, as five functions would have. */
const CONCURRENCY = 5;
/**
 * Orders run before the clock starts, as the saga benchmark warms its cloud up: without them the
 * figure measured JIT warm-up (20-order runs on one fresh store rose 41 -> 54 -> 67 -> 84 orders/s;
 * 200-order runs after 20 warm-up orders 82 -> 92 -> 106).
 */
const WARM_UP_ORDERS = 200;

/**
 * The store's floor under the saga: for each order, the table operations the five services do
 * for a confirmed order, in saga order, through the SDK against an endpoint that serves only
 * the embedded DynamoDB (no bus, no queues, no functions). Each operation mirrors the service
 * store it stands for (functions/<service>/store.ts): same keys, same conditions.
 * Returns orders per second, after WARM_UP_ORDERS orders not counted.
 */
export async function dynamoDbFloorRate(model: AppModel, orderCount: number, seed: number): Promise<number> {
  const dynamoDb = await LocalDynamoDb.start({ region: model.region });
  const endpoint = new LocalEndpoint({ port: 0 });
  endpoint.register(DYNAMODB_TARGET_PREFIX, dynamoDb, '1.0');
  const url = await endpoint.start();
  const documentClient = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: url,
      region: model.region,
      credentials: { accessKeyId: 'bench-floor', secretAccessKey: 'local' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  try {
    const tables = model.tables.filter((table) => table.name.startsWith('shop-choreography-'));
    await dynamoDb.ensureTables(tables.map((table) => tableSpecFromTemplate(table.properties, table.name).spec));
    await seedTables({ documentClient, variant: 'choreography', stock: SEED_STOCK, customers: SEED_CUSTOMERS });
    const warmUp = generateOrders({ count: WARM_UP_ORDERS, seed, mix: { confirmed: 1 }, idPrefix: 'floor-warm-up' });
    await storeOperationsOfOrders(documentClient, warmUp);
    // Stock back to its levels: the measured orders must all find enough.
    await seedTables({ documentClient, variant: 'choreography', stock: SEED_STOCK, customers: SEED_CUSTOMERS });
    const orders = generateOrders({ count: orderCount, seed, mix: { confirmed: 1 }, idPrefix: 'floor' });
    const started = performance.now();
    await storeOperationsOfOrders(documentClient, orders);
    return orders.length / ((performance.now() - started) / 1000);
  } finally {
    documentClient.destroy();
    await endpoint.stop();
    await dynamoDb.stop();
  }
}

/** The orders' operations, CONCURRENCY orders at a time. */
async function storeOperationsOfOrders(
  client: DynamoDBDocumentClient,
  orders: readonly GeneratedOrder[],
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < orders.length) await storeOperationsOfOneOrder(client, orders[next++] as GeneratedOrder);
    }),
  );
}

/** The item kinds the services' stores keep (functions/<service>/store.ts), for the same keys. */
const ORDER = new ItemKind('ORDER');
const RESERVATION = new ItemKind('RESERVATION');
const STOCK = new ItemKind('STOCK');
const CUSTOMER = new ItemKind('CUSTOMER');
const CHARGE = new ItemKind('CHARGE');
const SHIPMENT = new ItemKind('SHIPMENT');
const NOTIFICATION = new ItemKind('NOTIFICATION');

async function storeOperationsOfOneOrder(client: DynamoDBDocumentClient, order: GeneratedOrder): Promise<void> {
  const { orderId, customerId } = order.data;
  const table = (service: ServiceName) => serviceResourceNames('choreography', service).table;
  const get = (service: ServiceName, kind: ItemKind, id: string) => kind.get(client, table(service), id);
  const putNew = async (service: ServiceName, kind: ItemKind, record: StoredRecord) => {
    if (!(await kind.putOnce(client, table(service), orderId, { orderId, ...record })).written) {
      throw new BenchmarkError(`the ${kind.kind} of order '${orderId}' already exists: the floor's orders must be new`);
    }
  };

  // Each service decides first and writes conditionally; a refused write returns the record, so
  // nothing is read first except what a decision needs (the customer, the order's version).
  // orders: OrderPlaced → PENDING
  await putNew('orders', ORDER, { status: 'PENDING', version: 1, data: order.data });
  // inventory: OrderPlaced → reserve every line and record the reservation, in one transaction
  await client.send(
    new TransactWriteCommand({
      TransactItems: [
        ...order.data.lines.map((line) => ({
          Update: {
            TableName: table('inventory'),
            Key: STOCK.key(line.sku),
            UpdateExpression: 'SET available = available - :quantity',
            ConditionExpression: 'attribute_exists(pk) AND available >= :quantity',
            ExpressionAttributeValues: { ':quantity': line.quantity },
          },
        })),
        {
          Put: {
            TableName: table('inventory'),
            Item: RESERVATION.item(orderId, { orderId, status: 'RESERVED', lines: order.data.lines }),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    }),
  );
  // payments: StockReserved → charge once, within the customer's credit limit
  await get('payments', CUSTOMER, customerId);
  await putNew('payments', CHARGE, { customerId, status: 'CHARGED', lines: order.data.lines });
  // shipping: PaymentCompleted → schedule once
  await putNew('shipping', SHIPMENT, { carrier: 'bench' });
  // orders: ShipmentScheduled → CONFIRMED (optimistic lock on the version)
  await get('orders', ORDER, orderId);
  await client.send(
    new PutCommand({
      TableName: table('orders'),
      Item: ORDER.item(orderId, { orderId, status: 'CONFIRMED', version: 2, data: order.data }),
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':version': 1 },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }),
  );
  // notifications: OrderConfirmed → notify once
  await putNew('notifications', NOTIFICATION, { outcome: 'CONFIRMED' });
}
