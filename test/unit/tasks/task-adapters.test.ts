import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTaskHandler as inventoryTask } from '../../../functions/inventory/task';
import { createTaskHandler as notificationsTask } from '../../../functions/notifications/task';
import { createTaskHandler as ordersTask } from '../../../functions/orders/task';
import { createTaskHandler as paymentsTask } from '../../../functions/payments/task';
import { createTaskHandler as shippingTask } from '../../../functions/shipping/task';
import type { ServiceDeps } from '../../../functions/shared/service-deps';
import type { SagaTaskHandler } from '../../../functions/shared/task-handler';
import type { SagaTaskInput } from '../../../functions/shared/task-input';
import {
  TASK_TABLE,
  arrangeCustomer,
  emptyTable,
  failTable,
  mockAwsInEachTest,
  recordWritten,
  tableHolding,
  writesSent,
  taskDeps,
  taskInput,
  type RecordWrite,
  type TableRequest,
} from './task-builders';

// Every service's task function is the same adapter (functions/shared/task-handler.ts) over its use
// case: these are the behaviours each must show, one row per service; what only one service
// decides stays in <service>-task.test.ts.

const aws = mockAwsInEachTest();

/** How one service's task runs its first action, and how its table is arranged and made to fail. */
interface TaskCase {
  readonly service: string;
  readonly createTaskHandler: (deps: ServiceDeps) => SagaTaskHandler;
  readonly input: SagaTaskInput;
  /**
   * The table as the first run finds it: nothing recorded for the order yet.
   *
   * @default {@link emptyTable}
   */
  readonly arrangeFreshTable?: () => void;
  /** The event the action returns (detail type and some of its data), or none. */
  readonly returns?: { readonly detailType: string; readonly data: Record<string, unknown> };
  /** The item the action creates with a conditional put; none where it writes a transaction (inventory). */
  readonly creates?: Record<string, unknown>;
  /** How a second run of the action is arranged and checked; none where another test runs it twice (orders). */
  readonly rerun?: Rerun;
  /** The request that fails after {@link arrangeFreshTable}, and the DynamoDB error it fails with. */
  readonly failing: { readonly request: TableRequest; readonly error: string };
}

interface Rerun {
  readonly writes: RecordWrite;
  /** How many of those the two runs send (a refused conditional write counts: the second run learns the record from it). */
  readonly sentAfterTwoRuns: number;
}

/** Arranges the table the task's first run finds. */
function arrangeFreshTable(task: TaskCase): void {
  (task.arrangeFreshTable ?? (() => emptyTable(aws)))();
}

const TASKS: readonly TaskCase[] = [
  {
    service: 'inventory',
    createTaskHandler: inventoryTask,
    input: taskInput('ReserveStock', 'order-placed'),
    returns: { detailType: 'StockReserved', data: { amount: 13900 } },
    rerun: { writes: 'transaction', sentAfterTwoRuns: 2 },
    failing: { request: 'transaction', error: 'ThrottlingException' },
  },
  {
    service: 'payments',
    createTaskHandler: paymentsTask,
    input: taskInput('ProcessPayment', 'stock-reserved'),
    arrangeFreshTable: () => arrangeCustomer(aws, 100_000),
    returns: { detailType: 'PaymentCompleted', data: { amount: 13900 } },
    creates: { pk: 'CHARGE#ord-1001', status: 'CHARGED' },
    rerun: { writes: 'put', sentAfterTwoRuns: 2 },
    failing: { request: 'read', error: 'InternalServerError' },
  },
  {
    service: 'shipping',
    createTaskHandler: shippingTask,
    input: taskInput('ScheduleShipment', 'payment-completed'),
    returns: { detailType: 'ShipmentScheduled', data: { orderId: 'ord-1001' } },
    creates: { pk: 'SHIPMENT#ord-1001' },
    rerun: { writes: 'put', sentAfterTwoRuns: 2 },
    failing: { request: 'put', error: 'ServiceUnavailable' },
  },
  {
    // Running ConfirmOrder twice is in orders-task.test.ts: it needs a PENDING order first.
    service: 'orders',
    createTaskHandler: ordersTask,
    input: taskInput('RecordOrder', 'order-placed'),
    creates: { pk: 'ORDER#ord-1001', status: 'PENDING' },
    failing: { request: 'put', error: 'ProvisionedThroughputExceededException' },
  },
  {
    service: 'notifications',
    createTaskHandler: notificationsTask,
    input: taskInput('Notify', 'order-cancelled'),
    creates: { pk: 'NOTIFICATION#ord-1003', outcome: 'CANCELLED' },
    rerun: { writes: 'put', sentAfterTwoRuns: 2 },
    failing: { request: 'put', error: 'ThrottlingException' },
  },
];

const named = <T extends TaskCase>(cases: readonly T[]) => cases.map((task) => [task.service, task] as const);

describe('every task', () => {
  it.each(named(TASKS))('%s: runs its action on a fresh table and returns what it decided', async (_, task) => {
    // Prepare
    arrangeFreshTable(task);
    const handler = task.createTaskHandler(taskDeps());

    // Act
    const output = await handler(task.input);

    // Assess
    expect(output).toEqual({
      action: task.input.action,
      outcome: 'applied',
      ...(task.returns && {
        event: expect.objectContaining({
          detailType: task.returns.detailType,
          detail: expect.objectContaining({ data: expect.objectContaining(task.returns.data) }),
        }),
      }),
    });
  });

  it.each(named(TASKS.filter((task) => task.creates)))(
    '%s: creates its record only if the order has none',
    async (_, task) => {
      // Prepare
      arrangeFreshTable(task);

      // Act
      await task.createTaskHandler(taskDeps())(task.input);

      // Assess
      expect(aws.ddb).toHaveReceivedCommandWith(PutCommand, {
        TableName: TASK_TABLE,
        ConditionExpression: 'attribute_not_exists(pk)',
        Item: expect.objectContaining(task.creates),
      });
    },
  );

  it.each(named(TASKS.filter((task): task is TaskCase & { rerun: Rerun } => task.rerun !== undefined)))(
    '%s: decides once and returns the same result, marked duplicate, when its action runs twice',
    async (_, task) => {
      // Prepare
      arrangeFreshTable(task);
      const handler = task.createTaskHandler(taskDeps());
      const first = await handler(task.input);
      tableHolding(aws, recordWritten(aws, task.rerun.writes));

      // Act
      const second = await handler(task.input);

      // Assess
      expect(second).toEqual({ ...first, outcome: 'duplicate' });
      expect(writesSent(aws, task.rerun.writes)).toBe(task.rerun.sentAfterTwoRuns);
    },
  );

  it.each(named(TASKS))(
    '%s: throws TransientTaskError, which the state machine retries, when the table fails',
    async (_, task) => {
      // Prepare
      arrangeFreshTable(task);
      failTable(aws, task.failing.request, task.failing.error);
      const handler = task.createTaskHandler(taskDeps());

      // Act
      const result = handler(task.input);

      // Assess
      await expect(result).rejects.toMatchObject({
        name: 'TransientTaskError',
        retryable: true,
        message: expect.stringContaining(task.failing.error),
      });
    },
  );
});
