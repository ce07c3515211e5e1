import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InventoryStore, getStockLevels } from '../../../functions/inventory/store';
import { listNotifications } from '../../../functions/notifications/store';
import { getOrder } from '../../../functions/orders/store';
import { listCharges } from '../../../functions/payments/store';
import { buildOrderPlaced } from '../../../functions/shared/event-builder';
import { HeldBackStep, taskAttemptsOf } from '../../../lib/chaos';
import {
  busName,
  EVENT_CONTRACTS,
  RUNTIME_ENV,
  serviceResourceNames,
  VARIANTS,
  type EventData,
  type Variant,
} from '../../../lib/contracts';
import { WORKFLOW_STATES } from '../../../lib/infra/workflow/saga-workflow-definition';
import { LocalCloud } from '../../../lib/local/local-cloud';
import { STOREFRONT_CREDENTIALS } from '../../../lib/saga/saga-run';
import { seedTables } from '../../../lib/seed/seed-tables';
import orders from '../../fixtures/e2e/orders.json';
import { contractData } from './saga-events';
import { startSagaTestCloud } from '../../support/saga-test-cloud';

/** The choreographed deadline for this test: short, so the test waits 0.6 s of wall time at scale 100. */
const DEADLINE_SECONDS = 60;
const TIME_SCALE = 100;

/**
 * Issue 13's acceptance: an order whose payment step is held back (the payment never happens) is
 * cancelled with DEADLINE_EXCEEDED once its deadline has passed, its reservation released, in
 * both variants. Choreography: payments never gets the order's StockReserved; the orders
 * service's deadline message (its SAGA_DEADLINE_SECONDS, set to 60 s here as
 * UpdateFunctionConfiguration would) cancels the order. Orchestration: ProcessPayment's
 * function never answers; its Task timeout and retries are the deadline.
 */
describe('the saga deadline on the local cloud', () => {
  const orderOf = (variant: Variant): EventData<'OrderPlaced'> => ({
    ...contractData('OrderPlaced', orders.confirmed),
    orderId: `ord-e2e-deadline-${variant}`,
  });
  const holdBack = new HeldBackStep({
    orderIds: new Set(VARIANTS.map((variant) => orderOf(variant).orderId)),
    detailType: EVENT_CONTRACTS.StockReserved.detailType,
    stateName: WORKFLOW_STATES.processPayment,
  });
  let cloud: LocalCloud;
  let eventBridge: EventBridgeClient;
  let dynamoDb: DynamoDBClient;
  let documentClient: DynamoDBDocumentClient;

  beforeAll(async () => {
    cloud = await startSagaTestCloud({
      timeScale: TIME_SCALE,
      faults: holdBack,
    });
    const config = { endpoint: cloud.endpointUrl, region: cloud.model.region, credentials: STOREFRONT_CREDENTIALS };
    eventBridge = new EventBridgeClient(config);
    dynamoDb = new DynamoDBClient(config);
    documentClient = DynamoDBDocumentClient.from(dynamoDb, { marshallOptions: { removeUndefinedValues: true } });
    for (const variant of VARIANTS) await seedTables({ documentClient, variant });
    const ordersFunction = serviceResourceNames('choreography', 'orders').functionName;
    const config0 = cloud.lambda.functionConfig(ordersFunction);
    if (!config0) throw new Error(`no function '${ordersFunction}' in the test assembly`);
    await cloud.lambda.updateFunction({
      ...config0,
      environment: { ...config0.environment, [RUNTIME_ENV.sagaDeadlineSeconds]: String(DEADLINE_SECONDS) },
    });
  }, 120_000);

  afterAll(async () => {
    eventBridge?.destroy();
    dynamoDb?.destroy();
    await cloud?.stop();
  });

  /** AWS ms from placing an order to giving up on it: the deadline message, or every attempt of the payment Task timing out. */
  const deadlineMsOf = (variant: Variant): number => {
    if (variant === 'choreography') return DEADLINE_SECONDS * 1000;
    const machine = cloud.model.stateMachines.find((stateMachine) => stateMachine.name.startsWith(busName(variant)));
    const attempts = taskAttemptsOf(machine?.definition ?? '{}').get(WORKFLOW_STATES.processPayment) ?? 1;
    const payments = cloud.model.functions.find(
      (fn) => fn.name === serviceResourceNames(variant, 'payments').functionName,
    );
    return attempts * (payments?.timeoutSeconds ?? 0) * 1000;
  };

  it.each(VARIANTS)(
    'cancels an order of the %s variant whose payment never happens with DEADLINE_EXCEEDED after the deadline, stock released',
    async (variant) => {
      // Prepare
      const order = orderOf(variant);
      const tables = (service: 'orders' | 'inventory' | 'payments' | 'notifications') =>
        serviceResourceNames(variant, service).table;
      const stock = async () =>
        new Map(
          (await getStockLevels(documentClient, tables('inventory'))).map((level) => [level.sku, level.available]),
        );
      const stockBefore = await stock();
      const heldBefore = holdBack.heldBack;

      // Act
      const placed = buildOrderPlaced(order);
      await eventBridge.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: busName(variant),
              Source: EVENT_CONTRACTS.OrderPlaced.source,
              DetailType: placed.detailType,
              Detail: JSON.stringify(placed.detail),
            },
          ],
        }),
      );
      await cloud.whenQuiet({ timeoutMs: 60_000 });

      // Assess
      expect(holdBack.heldBack).toBeGreaterThan(heldBefore);
      const recorded = await getOrder(documentClient, tables('orders'), order.orderId);
      expect(recorded).toMatchObject({ status: 'CANCELLED', cancellationReason: 'DEADLINE_EXCEEDED' });
      // In AWS time (the trace's; the functions' own clocks run at wall speed).
      const putAt = (detailType: string) =>
        cloud.trace
          .events('event.put')
          .find(
            (put) =>
              put.bus === busName(variant) && put.detailType === detailType && put.correlationId === order.orderId,
          )?.at ?? Number.NaN;
      expect(putAt('OrderCancelled') - putAt('OrderPlaced')).toBeGreaterThanOrEqual(deadlineMsOf(variant));
      const reservation = await new InventoryStore(documentClient, tables('inventory')).getReservation(order.orderId);
      expect(reservation?.status).toBe('RELEASED');
      expect(await stock()).toEqual(stockBefore);
      const charges = (await listCharges(documentClient, tables('payments'))).filter(
        (charge) => charge.orderId === order.orderId,
      );
      expect(charges.filter((charge) => charge.status === 'CHARGED')).toEqual([]);
      const notifications = (await listNotifications(documentClient, tables('notifications'))).filter(
        (notification) => notification.orderId === order.orderId,
      );
      expect(notifications).toEqual([expect.objectContaining({ outcome: 'CANCELLED' })]);
    },
    90_000,
  );
});
