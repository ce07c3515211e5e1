import 'aws-sdk-client-mock-jest'; // toHaveReceivedCommandWith and the other matchers of aws-sdk-client-mock
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler as inventoryHandler } from '../../../../functions/inventory/handler';
import { createHandler as notificationsHandler } from '../../../../functions/notifications/handler';
import { createHandler as ordersHandler } from '../../../../functions/orders/handler';
import { createHandler as paymentsHandler } from '../../../../functions/payments/handler';
import { createHandler as shippingHandler } from '../../../../functions/shipping/handler';
import type { ServiceDeps } from '../../../../functions/shared/service-deps';
import type { SqsBatchHandler } from '../../../../functions/shared/sqs-consumer';
import {
  TEST_ENV,
  arrangeCustomer,
  deliverOne,
  emptyTable,
  envelopeFixture,
  failTable,
  handlerDeps,
  mockAwsInEachTest,
  publishedEvents,
  recordWritten,
  refuseFirstPutEvents,
  tableHolding,
  writesSent,
  type EventBridgeEnvelope,
  type RecordWrite,
  type TableRequest,
} from '../builders';

// Every service's SQS handler is the same adapter (functions/shared/sqs-consumer.ts) over its use
// case: these are the behaviours each must show, one row per service; what only one service
// decides stays in <service>/handler.test.ts.

const aws = mockAwsInEachTest();

/** Notifications publishes nothing, so its handler needs no bus. */
const { EVENT_BUS_NAME: _bus, ...envWithoutBus } = TEST_ENV;

/** How one service's handler takes its first event, and how its table is arranged and made to fail. */
interface HandlerCase {
  readonly service: string;
  readonly createHandler: (deps: ServiceDeps) => SqsBatchHandler;
  readonly event: EventBridgeEnvelope;
  /** @default {@link TEST_ENV} */
  readonly env?: ServiceDeps['env'];
  /**
   * The table as the first delivery finds it: nothing recorded for the order yet.
   *
   * @default {@link emptyTable}
   */
  readonly arrangeFreshTable?: () => void;
  /** Set where the handler publishes no event for {@link event} (orders records a PENDING order; notifications only notifies). */
  readonly publishesNothing?: true;
  /** How a second delivery is checked; none where another test delivers twice (orders). */
  readonly redelivery?: Redelivery;
  /** The request that fails after the fresh table is arranged, and the DynamoDB error it fails with. */
  readonly failing: { readonly request: TableRequest; readonly error: string };
}

interface Redelivery {
  readonly writes: RecordWrite;
  /** How many of those the two deliveries send (a refused conditional write counts). */
  readonly sentAfterTwoDeliveries: number;
  /**
   * How many reads the two deliveries send: none for the record itself, because the second
   * delivery learns it from its refused write.
   */
  readonly readsAfterTwoDeliveries: number;
}

const HANDLERS: readonly HandlerCase[] = [
  {
    service: 'inventory',
    createHandler: inventoryHandler,
    event: envelopeFixture('order-placed'),
    redelivery: { writes: 'transaction', sentAfterTwoDeliveries: 2, readsAfterTwoDeliveries: 0 },
    failing: { request: 'transaction', error: 'ServiceUnavailable' },
  },
  {
    service: 'payments',
    createHandler: paymentsHandler,
    event: envelopeFixture('stock-reserved'),
    arrangeFreshTable: () => arrangeCustomer(aws, 1_000_000),
    // Each delivery reads the customer's credit limit; neither reads the charge.
    redelivery: { writes: 'put', sentAfterTwoDeliveries: 2, readsAfterTwoDeliveries: 2 },
    failing: { request: 'read', error: 'InternalServerError' },
  },
  {
    service: 'shipping',
    createHandler: shippingHandler,
    event: envelopeFixture('payment-completed'),
    redelivery: { writes: 'put', sentAfterTwoDeliveries: 2, readsAfterTwoDeliveries: 0 },
    failing: { request: 'put', error: 'ThrottlingException' },
  },
  {
    // Its redelivery (of ShipmentScheduled) is in orders/handler.test.ts: it needs a PENDING order first.
    service: 'orders',
    createHandler: ordersHandler,
    event: envelopeFixture('order-placed'),
    publishesNothing: true,
    failing: { request: 'put', error: 'ProvisionedThroughputExceededException' },
  },
  {
    service: 'notifications',
    createHandler: notificationsHandler,
    event: envelopeFixture('order-confirmed'),
    env: envWithoutBus,
    publishesNothing: true,
    redelivery: { writes: 'put', sentAfterTwoDeliveries: 2, readsAfterTwoDeliveries: 0 },
    failing: { request: 'put', error: 'InternalServerError' },
  },
];

const publishes = (service: HandlerCase) => !service.publishesNothing;

function arrangeFreshTable(service: HandlerCase): void {
  (service.arrangeFreshTable ?? (() => emptyTable(aws)))();
}

/** The service's handler, deciding at `clock` (the builders' fixed time unless given). */
function handlerOf(service: HandlerCase, clock?: () => Date): SqsBatchHandler {
  return service.createHandler(handlerDeps({ env: service.env ?? TEST_ENV, ...(clock && { clock }) }));
}

const named = <T extends HandlerCase>(cases: readonly T[]) =>
  cases.map((service) => [service.service, service] as const);

describe('every SQS handler', () => {
  it.each(named(HANDLERS))(
    '%s: reports a batch item failure and publishes nothing when the table fails',
    async (_, service) => {
      // Prepare
      arrangeFreshTable(service);
      failTable(aws, service.failing.request, service.failing.error);

      // Act
      const { record, response } = await deliverOne(handlerOf(service), service.event);

      // Assess
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
      expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
    },
  );

  it.each(named(HANDLERS.filter((service) => service.failing.request === 'read')))(
    '%s: writes nothing when the table cannot be read',
    async (_, service) => {
      // Prepare
      arrangeFreshTable(service);
      failTable(aws, 'read', service.failing.error);

      // Act
      await deliverOne(handlerOf(service), service.event);

      // Assess
      expect(aws.ddb).not.toHaveReceivedCommand(PutCommand);
      expect(aws.ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    },
  );

  it.each(
    named(HANDLERS.filter((service): service is HandlerCase & { redelivery: Redelivery } => !!service.redelivery)),
  )(
    '%s: decides nothing twice, with conditional writes, and republishes the identical event from the refused write when the same event arrives twice',
    async (_, service) => {
      // Prepare: the first delivery wrote the record; the second finds it.
      arrangeFreshTable(service);
      await deliverOne(handlerOf(service), service.event);
      tableHolding(aws, recordWritten(aws, service.redelivery.writes));

      // Act: redelivered later (a different clock must not change the event)
      const { response } = await deliverOne(
        handlerOf(service, () => new Date('2027-02-02T00:00:00.000Z')),
        service.event,
      );

      // Assess
      expect(response.batchItemFailures).toEqual([]);
      expect(writesSent(aws, service.redelivery.writes)).toBe(service.redelivery.sentAfterTwoDeliveries);
      expect(aws.ddb.commandCalls(GetCommand)).toHaveLength(service.redelivery.readsAfterTwoDeliveries);
      const conditions = aws.ddb.commandCalls(PutCommand).map((call) => call.args[0].input.ConditionExpression);
      expect(conditions.every((condition) => condition === 'attribute_not_exists(pk)')).toBe(true);
      const published = publishedEvents(aws);
      expect(published).toHaveLength(publishes(service) ? 2 : 0);
      expect(published[1]).toEqual(published[0]);
    },
  );

  it.each(named(HANDLERS.filter(publishes)))(
    '%s: retries only the entry EventBridge did not accept and reports the record done',
    async (_, service) => {
      // Prepare
      arrangeFreshTable(service);
      refuseFirstPutEvents(aws, { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' });

      // Act
      const { response } = await deliverOne(handlerOf(service), service.event);

      // Assess
      expect(response.batchItemFailures).toEqual([]);
      const attempts = aws.eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries);
      expect(attempts).toHaveLength(2);
      expect(attempts[1]).toEqual(attempts[0]);
    },
  );
});
