/**
 * The synthesized state machine definition, run by the local cloud's ASL interpreter (engine/),
 * with its Tasks answered by the real task handlers on a real DynamoDB engine: the data flow
 * between states (Payload, ResultSelector, ResultPath, Choice variables) is exercised, not mocked.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Template } from 'aws-cdk-lib/assertions';
import { SEED_CUSTOMERS, SEED_STOCK } from '../../lib/seed/seed-data';
import {
  contractFor,
  isDetailType,
  type EventData,
  ORCHESTRATED_SERVICE_NAMES,
  type OrchestratedServiceName,
} from '../../lib/contracts';
import { buildOrchestrationApp } from '../../lib/infra/orchestration-app';
import { ScaledClock } from '../../lib/local/clock';
import { ExecutionHistory } from '../../lib/local/stepfunctions/execution-history';
import type { JsonObject, JsonValue } from '../../lib/local/stepfunctions/engine/json';
import { runExecution } from '../../lib/local/stepfunctions/engine/run-execution';
import { buildOrderPlaced } from '../../functions/shared/event-builder';
import { TransientTaskError } from '../../functions/shared/task-errors';
import type { SagaTaskHandler } from '../../functions/shared/task-handler';
import { createTaskHandler as ordersTask } from '../../functions/orders/task';
import { createTaskHandler as inventoryTask } from '../../functions/inventory/task';
import { getStockLevels, seedStock } from '../../functions/inventory/store';
import { createTaskHandler as paymentsTask } from '../../functions/payments/task';
import { listCharges, seedCustomers } from '../../functions/payments/store';
import { createTaskHandler as shippingTask } from '../../functions/shipping/task';
import { createTaskHandler as notificationsTask } from '../../functions/notifications/task';
import { listNotifications } from '../../functions/notifications/store';
import { serveLocalDynamoDb, type ServedDynamoDb, serviceTableSpec } from '../local/dynamodb/local-dynamodb-server';
/** The Task states of an order that is confirmed, in the order they run. */
import CONFIRMED_ORDER_TASKS from '../fixtures/infra/confirmed-order-tasks.json';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
};
const TABLE = (service: OrchestratedServiceName) => `exec-${service}`;

interface Emitted {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: { metadata: { eventId: string }; data: Record<string, unknown> };
  readonly EventBusName: string;
}

let served: ServedDynamoDb;
let definition: JsonObject & { States: Record<string, JsonObject> };
let tasks: Record<OrchestratedServiceName, SagaTaskHandler>;

beforeAll(async () => {
  const { stacks } = buildOrchestrationApp(
    { 'aws:cdk:bundling-stacks': [] },
    { builtinCloudFormationValidation: false },
  );
  const [machine] = Object.values(
    Template.fromStack(stacks.workflow).findResources('AWS::StepFunctions::StateMachine'),
  );
  const [, parts] = (machine?.Properties?.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  definition = JSON.parse(
    parts.map((part) => (typeof part === 'string' ? part : PSEUDO[(part as { Ref: string }).Ref])).join(''),
  );

  served = await serveLocalDynamoDb();
  await served.dynamodb.ensureTables(ORCHESTRATED_SERVICE_NAMES.map((service) => serviceTableSpec(TABLE(service))));
  await seedStock(served.documents, TABLE('inventory'), SEED_STOCK);
  await seedCustomers(served.documents, TABLE('payments'), SEED_CUSTOMERS);
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const deps = (service: OrchestratedServiceName) => ({
    documentClient: served.documents,
    env: { TABLE_NAME: TABLE(service) },
    logger,
    metrics: new Metrics({ namespace: 'test', serviceName: service, logger }),
    clock: () => new Date('2026-11-28T12:00:00.000Z'),
  });
  tasks = {
    orders: ordersTask(deps('orders')),
    inventory: inventoryTask(deps('inventory')),
    payments: paymentsTask(deps('payments')),
    shipping: shippingTask(deps('shipping')),
    notifications: notificationsTask(deps('notifications')),
  };
});

afterAll(async () => {
  await served.close();
});

/** Runs one execution for an order; `failOnce` makes a state's first call throw. */
async function execute(order: EventData<'OrderPlaced'>, options: { failOnce?: { state: string; error: Error } } = {}) {
  const placed = buildOrderPlaced(order, new Date('2026-11-28T11:00:00.000Z'));
  const input = {
    version: '0',
    id: 'eb-1',
    'detail-type': placed.detailType,
    source: 'shop.storefront',
    detail: placed.detail,
  };
  const visited: string[] = [];
  const emitted: Emitted[] = [];
  let failure = options.failOnce;
  const handlers = Object.fromEntries(
    Object.entries(definition.States)
      .filter(([, state]) => state.Type === 'Task')
      .map(([name]) => [
        name,
        async (taskInput: JsonValue): Promise<JsonValue> => {
          visited.push(name);
          if (failure?.state === name) {
            const { error } = failure;
            failure = undefined;
            throw error;
          }
          const parameters = taskInput as { FunctionName?: string; Payload?: unknown; Entries?: Emitted[] };
          if (parameters.Entries) {
            emitted.push(...parameters.Entries);
            return { FailedEntryCount: 0, Entries: parameters.Entries.map(() => ({ EventId: 'eb' })) };
          }
          const service = String(parameters.FunctionName).split('shop-orchestration-')[1] as OrchestratedServiceName;
          return {
            Payload: (await tasks[service](parameters.Payload)) as unknown as JsonValue,
            StatusCode: 200,
          };
        },
      ]),
  );
  // Retry pauses pass in microseconds of wall time.
  const clock = new ScaledClock({ timeScale: 1_000_000 });
  const outcome = await runExecution({
    definition,
    input: input,
    identity: {
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:saga:exec',
      executionName: 'exec',
      input: input,
      roleArn: 'arn:aws:iam::123456789012:role/saga',
      startTime: clock.now(),
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:saga',
      stateMachineName: 'saga',
    },
    clock,
    history: new ExecutionHistory(clock),
    // At this scale the tasks' real work would outlast every TimeoutSeconds in AWS time.
    minTaskTimeoutWallSeconds: 30,
    runTask: (invocation) => {
      const handler = handlers[invocation.stateName];
      if (!handler) throw new Error(`no handler for '${invocation.stateName}'`);
      return handler(invocation.arguments);
    },
  });
  const error = outcome.status === 'SUCCEEDED' ? undefined : outcome;
  return { visited, emitted, error };
}

const order = (
  orderId: string,
  customerId: string,
  lines: EventData<'OrderPlaced'>['lines'],
  paymentToken = 'tok_visa',
): EventData<'OrderPlaced'> => ({
  orderId,
  customerId,
  lines,
  currency: 'EUR',
  paymentToken,
});

/** Whether an emitted entry's detail matches its contract. */
function matchesContract(entry: Emitted): boolean {
  return isDetailType(entry.DetailType) && contractFor(entry.DetailType).detailSchema.safeParse(entry.Detail).success;
}

describe('an orchestrated execution', () => {
  it('confirms an order in stock and paid, emitting one OrderConfirmed that matches its contract', async () => {
    // Act
    const { visited, emitted, error } = await execute(
      order('exec-ok', 'cus-ada', [{ sku: 'sku-keyboard', quantity: 1, unitPrice: 8900 }]),
    );

    // Assess
    expect(error).toBeUndefined();
    expect(visited).toEqual(CONFIRMED_ORDER_TASKS);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({
      Source: 'shop.orders',
      DetailType: 'OrderConfirmed',
      EventBusName: 'shop-orchestration',
    });
    expect(matchesContract(emitted[0] as Emitted)).toBe(true);
  });

  it('charges once and emits the identical OrderConfirmed when the same OrderPlaced starts a second execution', async () => {
    // Prepare
    const placed = order('exec-twice', 'cus-ada', [{ sku: 'sku-mouse', quantity: 1, unitPrice: 2500 }]);
    const first = await execute(placed);

    // Act
    const second = await execute(placed);

    // Assess
    expect(second.emitted).toEqual(first.emitted);
    const charges = (await listCharges(served.documents, TABLE('payments'))).filter(
      (charge) => charge.orderId === 'exec-twice',
    );
    expect(charges).toHaveLength(1);
  });

  it('cancels an out-of-stock order without releasing stock, notifies once and emits OrderCancelled', async () => {
    // Act
    const { visited, emitted } = await execute(
      order('exec-sold-out', 'cus-ada', [{ sku: 'sku-sold-out', quantity: 1, unitPrice: 4900 }]),
    );

    // Assess
    expect(visited).toEqual(['RecordOrder', 'ReserveStock', 'CancelOrder', 'NotifyCancellation', 'EmitOrderCancelled']);
    expect(emitted.map((entry) => [entry.DetailType, entry.Detail.data['reason']])).toEqual([
      ['OrderCancelled', 'OUT_OF_STOCK'],
    ]);
    expect(matchesContract(emitted[0] as Emitted)).toBe(true);
    const notified = (await listNotifications(served.documents, TABLE('notifications'))).filter(
      (n) => n.orderId === 'exec-sold-out',
    );
    expect(notified.map((n) => n.outcome)).toEqual(['CANCELLED']);
  });

  it('releases the stock of a declined payment before cancelling, and emits OrderCancelled', async () => {
    // Prepare
    const before = (await getStockLevels(served.documents, TABLE('inventory'))).find(
      (level) => level.sku === 'sku-monitor',
    )?.available;

    // Act
    const { visited, emitted } = await execute(
      order('exec-declined', 'cus-frugal', [{ sku: 'sku-monitor', quantity: 1, unitPrice: 23900 }]),
    );

    // Assess
    expect(visited).toEqual([
      'RecordOrder',
      'ReserveStock',
      'ProcessPayment',
      'ReleaseStock',
      'CancelOrder',
      'NotifyCancellation',
      'EmitOrderCancelled',
    ]);
    expect(emitted.map((entry) => [entry.DetailType, entry.Detail.data['reason']])).toEqual([
      ['OrderCancelled', 'PAYMENT_DECLINED'],
    ]);
    const after = (await getStockLevels(served.documents, TABLE('inventory'))).find(
      (level) => level.sku === 'sku-monitor',
    )?.available;
    expect(after).toBe(before);
  });

  it('retries a task that failed with TransientTaskError and still confirms the order', async () => {
    // Act
    const { visited, emitted, error } = await execute(
      order('exec-retried', 'cus-ada', [{ sku: 'sku-cable', quantity: 2, unitPrice: 900 }]),
      {
        failOnce: { state: 'ProcessPayment', error: new TransientTaskError('ProcessPayment', new Error('throttled')) },
      },
    );

    // Assess
    expect(error).toBeUndefined();
    expect(visited.filter((name) => name === 'ProcessPayment')).toHaveLength(2);
    expect(emitted.map((entry) => entry.DetailType)).toEqual(['OrderConfirmed']);
  });

  it('cancels and compensates an order whose forward task fails with an error it does not retry (TECHNICAL_FAILURE)', async () => {
    // Act
    const { visited, emitted, error } = await execute(
      order('exec-broken', 'cus-ada', [{ sku: 'sku-dock', quantity: 1, unitPrice: 19900 }]),
      {
        failOnce: {
          state: 'ScheduleShipment',
          error: Object.assign(new Error('bad input'), { name: 'InvalidTaskInputError' }),
        },
      },
    );

    // Assess: the charge is refunded and the reservation released before the cancellation is announced.
    expect(error).toBeUndefined();
    expect(visited.slice(visited.indexOf('ScheduleShipment'))).toEqual([
      'ScheduleShipment',
      'AbandonOrder',
      'RefundPayment',
      'ReleaseReservation',
      'NotifyCancellation',
      'EmitOrderCancelled',
    ]);
    expect(emitted.map((entry) => entry.DetailType)).toEqual(['OrderCancelled']);
    const detail = emitted[0]?.Detail as unknown;
    const cancelled = (typeof detail === 'string' ? JSON.parse(detail) : detail) as {
      data?: { reason?: string; detail?: string };
    };
    expect(cancelled.data?.reason).toBe('TECHNICAL_FAILURE');
    // The cancellation carries the failed step's own reason.
    expect(cancelled.data?.detail).toContain('bad input');
    const charge = (await listCharges(served.documents, TABLE('payments'))).find((c) => c.orderId === 'exec-broken');
    expect(charge?.status).toBe('REFUNDED');
  });
});
