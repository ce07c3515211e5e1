import { Aws, Duration } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { OrderCancelled, OrderConfirmed, type EventContract, type OrchestratedServiceName } from '../../contracts';
import { LAMBDA_TRANSIENT_ERRORS, PUT_EVENTS_TRANSIENT_ERRORS, taskRetry, type TaskRetryPolicy } from './task-retry';

/** The events the workflow puts on the bus: the saga's outcome, for consumers outside it. */
export const WORKFLOW_EMITTED_EVENTS: readonly EventContract[] = [OrderConfirmed, OrderCancelled];

/** The names of the workflow's states, which tests, the diagram and the local trace read. */
export const WORKFLOW_STATES = {
  readOrderPlaced: 'ReadOrderPlaced',
  recordOrder: 'RecordOrder',
  reserveStock: 'ReserveStock',
  stockReserved: 'StockReserved?',
  processPayment: 'ProcessPayment',
  paymentCompleted: 'PaymentCompleted?',
  scheduleShipment: 'ScheduleShipment',
  confirmOrder: 'ConfirmOrder',
  notify: 'Notify',
  emitOrderConfirmed: 'EmitOrderConfirmed',
  orderConfirmed: 'OrderConfirmed',
  stockUnavailable: 'StockUnavailable',
  releaseStock: 'ReleaseStock',
  cancelOrder: 'CancelOrder',
  notifyCancellation: 'NotifyCancellation',
  emitOrderCancelled: 'EmitOrderCancelled',
  orderCancelled: 'OrderCancelled',
  orderFailed: 'OrderFailed',
  compensationFailed: 'CompensationFailed',
} as const;

/** The forward Tasks, in saga order. */
export const FORWARD_TASKS = [
  WORKFLOW_STATES.recordOrder,
  WORKFLOW_STATES.reserveStock,
  WORKFLOW_STATES.processPayment,
  WORKFLOW_STATES.scheduleShipment,
  WORKFLOW_STATES.confirmOrder,
  WORKFLOW_STATES.notify,
  WORKFLOW_STATES.emitOrderConfirmed,
] as const;

/** The compensating Tasks. */
export const COMPENSATION_TASKS = [
  WORKFLOW_STATES.releaseStock,
  WORKFLOW_STATES.cancelOrder,
  WORKFLOW_STATES.notifyCancellation,
  WORKFLOW_STATES.emitOrderCancelled,
] as const;

/** What the definition is built from. */
export interface SagaWorkflowDefinitionProps {
  /** The task function of each service. */
  readonly taskFunctions: Readonly<Record<OrchestratedServiceName, lambda.IFunction>>;
  /** The bus the outcome is emitted on. */
  readonly eventBus: events.IEventBus;
  /**
   * How long a Lambda Task may run before it fails with States.Timeout (and is retried).
   * @default Duration.seconds(30)
   */
  readonly taskTimeout?: Duration;
  /**
   * Retry tuning of every Task.
   * @default - taskRetry's defaults: 1 s, ×2, 5 attempts, at most 20 s, full jitter
   */
  readonly retry?: TaskRetryPolicy;
}

/**
 * The order saga as a state machine definition (JSONPath). The execution input is the
 * EventBridge event the OrderPlaced rule delivers; every Task sends its task function
 * `{ action, event }` and keeps `{ outcome, event }` of the answer under its own path, so the
 * state holds the saga's events as the choreographed services would have published them:
 *
 * ```
 * ReadOrderPlaced → RecordOrder → ReserveStock → StockReserved? ─yes→ ProcessPayment → PaymentCompleted? ─yes→
 *   ScheduleShipment → ConfirmOrder → Notify → EmitOrderConfirmed → OrderConfirmed (Succeed)
 * StockReserved? ─no (out of stock, unknown SKU)→ StockUnavailable → CancelOrder
 * PaymentCompleted? ─no (declined)→ ReleaseStock → CancelOrder
 * CancelOrder → NotifyCancellation → EmitOrderCancelled → OrderCancelled (Succeed)
 * ```
 *
 * Business failures are data (the task's `event` is StockReservationFailed or PaymentFailed)
 * and the Choice states route them to compensation in reverse order. Every Task retries
 * transient errors; when retries run out, a forward Task is caught into `OrderFailed` and a
 * compensating one into `CompensationFailed` (both Fail states, both alarmed). A technical failure
 * is not turned into a cancellation: the contracts have no cancellation reason for it, and a
 * charge may already have been taken. Every task is idempotent, so the operator fixes the cause
 * and redrives the execution (STANDARD) or starts it again with the same input (EXPRESS).
 */
export function buildSagaWorkflowDefinition(scope: Construct, props: SagaWorkflowDefinitionProps): sfn.IChainable {
  const names = WORKFLOW_STATES;
  const taskTimeout = sfn.Timeout.duration(props.taskTimeout ?? Duration.seconds(30));
  const lambdaRetry = taskRetry(LAMBDA_TRANSIENT_ERRORS, props.retry);
  const putEventsRetry = taskRetry(PUT_EVENTS_TRANSIENT_ERRORS, props.retry);

  const orderFailed = new sfn.Fail(scope, names.orderFailed, {
    comment: 'A forward step failed after its retries. Tasks are idempotent: fix the cause, then redrive.',
    error: 'Saga.StepFailed',
    // The caught error's own cause (a Lambda task's `{ errorType, errorMessage }`), so the
    // execution's failure names the reason, as a choreographed consumer's dead letter does.
    causePath: '$.failure.Cause',
  });
  const compensationFailed = new sfn.Fail(scope, names.compensationFailed, {
    comment: 'A compensating step failed after its retries; the order may hold a reservation.',
    error: 'Saga.CompensationFailed',
    causePath: '$.failure.Cause',
  });
  const catchInto = (state: sfn.TaskStateBase | sfn.CustomState, target: sfn.Fail) =>
    state.addCatch(target, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });

  /** A Lambda Task sending `{ action, event }`; keeps `{ outcome, event? }` at `resultPath`. */
  const invoke = (
    id: string,
    service: OrchestratedServiceName,
    action: string,
    eventPath: string,
    resultPath: string,
    decides: boolean,
  ) =>
    new tasks.LambdaInvoke(scope, id, {
      comment: `${service}: ${action}`,
      lambdaFunction: props.taskFunctions[service],
      payload: sfn.TaskInput.fromObject({ action, event: sfn.JsonPath.objectAt(eventPath) }),
      // The Retry below covers Lambda's service exceptions, with jitter and a bounded delay.
      retryOnServiceExceptions: false,
      taskTimeout,
      resultSelector: {
        outcome: sfn.JsonPath.stringAt('$.Payload.outcome'),
        ...(decides ? { event: sfn.JsonPath.objectAt('$.Payload.event') } : {}),
      },
      resultPath,
    }).addRetry(lambdaRetry);

  /** A PutEvents Task emitting the outcome at `$.outcome.event`, under its contract's source. */
  const emit = (id: string, contract: EventContract) =>
    new sfn.CustomState(scope, id, {
      stateJson: {
        Type: 'Task',
        Comment: `puts ${contract.detailType} on the bus for consumers outside the saga`,
        // Written out rather than tasks.EventBridgePutEvents, whose grant cannot be held to a source.
        Resource: `arn:${Aws.PARTITION}:states:::events:putEvents`,
        Parameters: {
          Entries: [
            {
              EventBusName: props.eventBus.eventBusName,
              Source: contract.source,
              DetailType: contract.detailType,
              'Detail.$': '$.outcome.event.detail',
            },
          ],
        },
        TimeoutSeconds: 30,
        ResultPath: null,
      },
    }).addRetry(putEventsRetry);

  // Forward path.
  const readOrderPlaced = sfn.Pass.jsonPath(scope, names.readOrderPlaced, {
    comment: 'keeps the OrderPlaced of the EventBridge event, in the shape the tasks take',
    parameters: {
      orderPlaced: {
        detailType: sfn.JsonPath.stringAt("$['detail-type']"),
        detail: sfn.JsonPath.objectAt('$.detail'),
      },
    },
  });
  const recordOrder = invoke(names.recordOrder, 'orders', 'RecordOrder', '$.orderPlaced', '$.recorded', false);
  const reserveStock = invoke(names.reserveStock, 'inventory', 'ReserveStock', '$.orderPlaced', '$.reservation', true);
  const processPayment = invoke(
    names.processPayment,
    'payments',
    'ProcessPayment',
    '$.reservation.event',
    '$.payment',
    true,
  );
  const scheduleShipment = invoke(
    names.scheduleShipment,
    'shipping',
    'ScheduleShipment',
    '$.payment.event',
    '$.shipment',
    true,
  );
  const confirmOrder = invoke(names.confirmOrder, 'orders', 'ConfirmOrder', '$.shipment.event', '$.outcome', true);
  const notify = invoke(names.notify, 'notifications', 'Notify', '$.outcome.event', '$.notification', false);
  const emitOrderConfirmed = emit(names.emitOrderConfirmed, OrderConfirmed);
  const orderConfirmed = new sfn.Succeed(scope, names.orderConfirmed, {
    comment: 'stock reserved, payment taken, shipment scheduled',
  });

  // Compensation path.
  const stockUnavailable = sfn.Pass.jsonPath(scope, names.stockUnavailable, {
    comment: 'StockReservationFailed cancels the order: nothing was reserved, so nothing is released',
    inputPath: '$.reservation',
    resultPath: '$.cancellation',
  });
  const releaseStock = invoke(
    names.releaseStock,
    'inventory',
    'ReleaseStock',
    '$.payment.event',
    '$.cancellation',
    true,
  );
  const cancelOrder = invoke(names.cancelOrder, 'orders', 'CancelOrder', '$.cancellation.event', '$.outcome', true);
  const notifyCancellation = invoke(
    names.notifyCancellation,
    'notifications',
    'Notify',
    '$.outcome.event',
    '$.notification',
    false,
  );
  const emitOrderCancelled = emit(names.emitOrderCancelled, OrderCancelled);
  const orderCancelled = new sfn.Succeed(scope, names.orderCancelled, {
    comment: 'no sale; any reservation was released',
  });

  for (const state of [
    recordOrder,
    reserveStock,
    processPayment,
    scheduleShipment,
    confirmOrder,
    notify,
    emitOrderConfirmed,
  ]) {
    catchInto(state, orderFailed);
  }
  for (const state of [releaseStock, cancelOrder, notifyCancellation, emitOrderCancelled]) {
    catchInto(state, compensationFailed);
  }

  cancelOrder.next(notifyCancellation).next(emitOrderCancelled).next(orderCancelled);
  releaseStock.next(cancelOrder);
  stockUnavailable.next(cancelOrder);

  const paymentCompleted = new sfn.Choice(scope, names.paymentCompleted, {
    comment: 'PaymentCompleted, or PaymentFailed (declined)',
  })
    .when(
      sfn.Condition.stringEquals('$.payment.event.detailType', 'PaymentCompleted'),
      scheduleShipment.next(confirmOrder).next(notify).next(emitOrderConfirmed).next(orderConfirmed),
    )
    .otherwise(releaseStock);
  const stockReserved = new sfn.Choice(scope, names.stockReserved, {
    comment: 'StockReserved, or StockReservationFailed (out of stock, unknown SKU)',
  })
    .when(
      sfn.Condition.stringEquals('$.reservation.event.detailType', 'StockReserved'),
      processPayment.next(paymentCompleted),
    )
    .otherwise(stockUnavailable);

  return readOrderPlaced.next(recordOrder).next(reserveStock).next(stockReserved);
}
