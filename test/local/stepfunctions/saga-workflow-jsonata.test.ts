/**
 * The orchestrated saga written with the CDK's JSONata constructs (SagaStateMachine with
 * `queryLanguage: JSONATA`) is synthesized beside the default JSONPath one, and both run on the
 * local Step Functions with the services' real task handlers on the embedded DynamoDB: for a
 * confirmed order, an out-of-stock one and a declined payment, they take the same states, put the
 * same outcome events and end with the same output.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { buildOrderPlaced } from '../../../functions/shared/event-builder';
import { createTaskHandler as inventoryTask } from '../../../functions/inventory/task';
import { seedStock } from '../../../functions/inventory/store';
import { createTaskHandler as notificationsTask } from '../../../functions/notifications/task';
import { createTaskHandler as ordersTask } from '../../../functions/orders/task';
import { getOrder } from '../../../functions/orders/store';
import { createTaskHandler as paymentsTask } from '../../../functions/payments/task';
import { seedCustomers } from '../../../functions/payments/store';
import { createTaskHandler as shippingTask } from '../../../functions/shipping/task';
import { ORCHESTRATED_SERVICE_NAMES, type OrchestratedServiceName } from '../../../lib/contracts';
import { SagaStateMachine } from '../../../lib/infra/workflow/saga-state-machine';
import { SEED_CUSTOMERS, SEED_STOCK } from '../../../lib/seed/seed-data';
import { serveLocalDynamoDb, type ServedDynamoDb, serviceTableSpec } from '../dynamodb/local-dynamodb-server';
import { taskDeps } from '../../unit/tasks/task-builders';
import { FunctionError } from '../../../lib/local/stepfunctions';
import { SfnHarness, stateMachineArn } from './sfn-harness';

type Variant = 'jsonpath' | 'jsonata';
const VARIANTS: readonly Variant[] = ['jsonpath', 'jsonata'];
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

const TASKS: Record<OrchestratedServiceName, typeof ordersTask> = {
  orders: ordersTask,
  inventory: inventoryTask,
  payments: paymentsTask,
  shipping: shippingTask,
  notifications: notificationsTask,
};

/** The order whose ScheduleShipment task always fails. */
const BROKEN_SHIPPING_ORDER = 'ja-shipping-down';

const functionName = (variant: Variant, service: OrchestratedServiceName) => `${variant}-${service}-task`;
const tableName = (variant: Variant, service: OrchestratedServiceName) => `${variant}-${service}`;

/** The SagaStateMachine's definition in one query language, its tokens resolved as the assembly reader would. */
function synthesizeDefinition(variant: Variant): string {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), `Saga-${variant}`, {
    env: { account: ACCOUNT, region: REGION },
  });
  const taskFunctions = Object.fromEntries(
    ORCHESTRATED_SERVICE_NAMES.map((service) => [
      service,
      lambda.Function.fromFunctionName(stack, `${service}Task`, functionName(variant, service)),
    ]),
  ) as Record<OrchestratedServiceName, lambda.IFunction>;
  new SagaStateMachine(stack, 'Saga', {
    eventBus: events.EventBus.fromEventBusName(stack, 'Bus', 'shop-orchestration'),
    taskFunctions,
    ...(variant === 'jsonata' ? { queryLanguage: sfn.QueryLanguage.JSONATA } : {}),
  });
  const [machine] = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'));
  return resolveTokens((machine as { Properties: { DefinitionString: unknown } }).Properties.DefinitionString);
}

function resolveTokens(value: unknown): string {
  if (typeof value === 'string') return value;
  const { Ref, 'Fn::Join': join } = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (join) return join[1].map(resolveTokens).join(join[0]);
  const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT };
  if (Ref !== undefined && Ref in pseudo) return pseudo[Ref] as string;
  throw new Error(`unresolved token in the definition: ${JSON.stringify(value)}`);
}

/** The EventBridge event the OrderPlaced rule delivers, as the execution input. */
function orderPlacedInput(
  orderId: string,
  customerId: string,
  sku: string,
  quantity: number,
  paymentToken = 'tok_visa',
): string {
  const unitPrice = SEED_STOCK.find((seed) => seed.sku === sku)?.unitPrice ?? 100;
  const placed = buildOrderPlaced(
    { orderId, customerId, lines: [{ sku, quantity, unitPrice }], currency: 'EUR', paymentToken },
    new Date('2026-12-01T10:00:00.000Z'),
  );
  return JSON.stringify({ source: 'shop.storefront', 'detail-type': placed.detailType, detail: placed.detail });
}

describe('the orchestrated saga written with the CDK JSONata constructs', () => {
  const definitions = Object.fromEntries(VARIANTS.map((variant) => [variant, synthesizeDefinition(variant)])) as Record<
    Variant,
    string
  >;
  let dynamo: ServedDynamoDb;
  let harness: SfnHarness;

  beforeAll(async () => {
    dynamo = await serveLocalDynamoDb();
    await dynamo.dynamodb.ensureTables(
      VARIANTS.flatMap((variant) =>
        ORCHESTRATED_SERVICE_NAMES.map((service) => serviceTableSpec(tableName(variant, service))),
      ),
    );
    const functions: Record<string, (payload: unknown) => unknown> = {};
    for (const variant of VARIANTS) {
      await seedStock(dynamo.documents, tableName(variant, 'inventory'), SEED_STOCK);
      await seedCustomers(dynamo.documents, tableName(variant, 'payments'), SEED_CUSTOMERS);
      for (const service of ORCHESTRATED_SERVICE_NAMES) {
        const handler = TASKS[service](
          taskDeps({ documentClient: dynamo.documents, env: { TABLE_NAME: tableName(variant, service) } }),
        );
        functions[functionName(variant, service)] = async (payload) => {
          try {
            // A shipping service that is down for one order: its step fails for good (a plain
            // Error is not among the retried ones), so the saga gives the order up and compensates.
            if (service === 'shipping' && JSON.stringify(payload).includes(BROKEN_SHIPPING_ORDER)) {
              throw new Error('shipping is down');
            }
            return await handler(payload);
          } catch (error) {
            // What Lambda makes of a handler's error: the Task fails with its name as the error.
            const { name, message } = error as Error;
            throw new FunctionError(name, message);
          }
        };
      }
    }
    // The handlers take real (wall) time on DynamoDB: AWS time runs only 10 times faster here, so
    // the machine's 5-minute timeout is not reached.
    harness = new SfnHarness({ functions, validateDefinitions: false, timeScale: 10 });
    for (const variant of VARIANTS) {
      harness.stepFunctions.registerStateMachine({
        arn: stateMachineArn(`saga-${variant}`),
        name: `saga-${variant}`,
        definition: definitions[variant],
        roleArn: `arn:aws:iam::${ACCOUNT}:role/saga`,
      });
    }
  });

  afterAll(async () => {
    await harness.stepFunctions.close();
    await dynamo.close();
  });

  it('synthesizes a JSONata state machine with no JSONPath field left', () => {
    const machine = JSON.parse(definitions.jsonata) as { QueryLanguage?: string; States: Record<string, object> };
    expect(machine.QueryLanguage).toBe('JSONata');
    expect(Object.keys(machine.States).length).toBeGreaterThan(15);
    expect(definitions.jsonata).not.toMatch(/"(InputPath|Parameters|ResultSelector|ResultPath|OutputPath)"/);
    expect(definitions.jsonpath).toContain('"ResultPath"');
  });

  /** Runs `input` on the saga of each query language: how it ended, the states it entered, what it put. */
  const runOnBoth = (input: string) =>
    Promise.all(
      VARIANTS.map(async (variant) => {
        const execution = harness.stepFunctions.startExecution(stateMachineArn(`saga-${variant}`), input);
        const ended = await execution.done;
        const path = execution.history.events
          .filter((event) => event.type.endsWith('StateEntered'))
          .map((event) => event.details?.name);
        const published = harness.published
          .filter((call) => call.context.caller === `states:saga-${variant}`)
          .flatMap((call) => call.entries.map((entry) => ({ detailType: entry.DetailType, detail: entry.Detail })));
        const orderId = (JSON.parse(input) as { detail: { data: { orderId: string } } }).detail.data.orderId;
        const order = await getOrder(dynamo.documents, tableName(variant, 'orders'), orderId);
        return { ended, path, published, order };
      }),
    ) as Promise<[Run, Run]>;
  type Run = {
    ended: Awaited<ReturnType<typeof harness.stepFunctions.startExecution>['done']>;
    path: unknown[];
    published: { detailType?: string; detail?: string }[];
    order: Awaited<ReturnType<typeof getOrder>>;
  };

  it.each([
    [
      'a confirmed order',
      orderPlacedInput('ja-confirmed', 'cus-ada', 'sku-keyboard', 1),
      'OrderConfirmed',
      'CONFIRMED',
    ],
    [
      'an out-of-stock order',
      orderPlacedInput('ja-sold-out', 'cus-grace', 'sku-sold-out', 1),
      'OrderCancelled',
      'CANCELLED',
    ],
    [
      'a declined payment',
      orderPlacedInput('ja-declined', 'cus-linus', 'sku-cable', 3, 'tok_decline_card'),
      'OrderCancelled',
      'CANCELLED',
    ],
  ])('runs %s to the same states, events and output as the JSONPath saga', async (_order, input, emitted, status) => {
    // Act
    const [jsonPath, jsonata] = await runOnBoth(input);

    // Assess
    expect(jsonata.ended.status).toBe('SUCCEEDED');
    expect(jsonata.path.at(-1)).toBe(emitted);
    expect(jsonata.path).toEqual(jsonPath.path);
    expect(jsonata.published.at(-1)?.detailType).toBe(emitted);
    expect(jsonata.published.map((entry) => entry.detailType)).toEqual(
      jsonPath.published.map((entry) => entry.detailType),
    );
    expect(JSON.parse(jsonata.ended.output ?? 'null')).toEqual(JSON.parse(jsonPath.ended.output ?? 'null'));
    expect(jsonata.order?.status).toBe(status);
    expect(jsonPath.order?.status).toBe(status);
  });

  it('gives up an order whose step fails for good in JSONata as in JSONPath: TECHNICAL_FAILURE, refunded, released', async () => {
    // Act
    const [jsonPath, jsonata] = await runOnBoth(orderPlacedInput(BROKEN_SHIPPING_ORDER, 'cus-ada', 'sku-keyboard', 1));

    // Assess
    expect(jsonata.path).toEqual(jsonPath.path);
    expect(JSON.parse(jsonata.ended.output ?? 'null')).toEqual(JSON.parse(jsonPath.ended.output ?? 'null'));
    for (const run of [jsonPath, jsonata]) {
      expect(run.ended.status).toBe('SUCCEEDED');
      expect(run.path).toEqual(
        expect.arrayContaining([
          'ScheduleShipment',
          'StepFailed',
          'AbandonOrder',
          'RefundPayment',
          'ReleaseReservation',
        ]),
      );
      expect(run.path.at(-1)).toBe('OrderCancelled');
      const cancelled = run.published
        .filter((entry) => entry.detailType === 'OrderCancelled')
        .map((entry) => JSON.parse(entry.detail ?? '{}') as { data?: { orderId?: string; reason?: string } })
        .find((detail) => detail.data?.orderId === BROKEN_SHIPPING_ORDER);
      expect(cancelled?.data?.reason).toBe('TECHNICAL_FAILURE');
      expect(run.order?.status).toBe('CANCELLED');
    }
  });

  it('ends a conflicting duplicate OrderPlaced in ConflictingOrder in JSONata as in JSONPath, the standing order untouched', async () => {
    // Arrange: the order stands (confirmed) in both sagas.
    const orderId = 'ja-conflict';
    await runOnBoth(orderPlacedInput(orderId, 'cus-ada', 'sku-keyboard', 1));

    // Act: the same order id with other content.
    const [jsonPath, jsonata] = await runOnBoth(orderPlacedInput(orderId, 'cus-ada', 'sku-cable', 2));

    // Assess
    for (const run of [jsonPath, jsonata]) {
      expect(run.ended.status).toBe('FAILED');
      expect(run.ended.error).toBe('Saga.ConflictingOrder');
      expect(run.path).toEqual(['ReadOrderPlaced', 'RecordOrder', 'ConflictingOrder']);
      expect(run.order?.status).toBe('CONFIRMED');
    }
    expect(jsonata.ended.cause).toBe(jsonPath.ended.cause);
  });

  it('ends an OrderPlaced that breaks its contract in InvalidOrderPlaced in both languages, recording and compensating nothing', async () => {
    // Arrange: an OrderPlaced whose data lacks its lines, currency and payment token.
    const valid = JSON.parse(orderPlacedInput('ja-poison', 'cus-ada', 'sku-keyboard', 1)) as {
      detail: { data: Record<string, unknown> };
    };
    const poison = JSON.stringify({
      ...valid,
      detail: { ...valid.detail, data: { orderId: 'ja-poison', customerId: 'cus-ada' } },
    });

    // Act
    const [jsonPath, jsonata] = await runOnBoth(poison);

    // Assess
    for (const run of [jsonPath, jsonata]) {
      expect(run.ended.status).toBe('FAILED');
      expect(run.ended.error).toBe('Saga.InvalidOrderPlaced');
      expect(run.ended.cause).toContain('does not match its contract');
      expect(run.path).toEqual(['ReadOrderPlaced', 'RecordOrder', 'InvalidOrderPlaced']);
      expect(run.order).toBeUndefined();
      expect(run.published.filter((event) => event.detail?.includes('"ja-poison"'))).toEqual([]);
    }
  });
});
