import { Duration } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { OrderCancelled, OrderConfirmed, type EventContract, type OrchestratedServiceName } from '../../contracts';
import { TASK_ERROR_NAMES } from '../../../functions/shared/task-errors';
import {
  COMPENSATION_RETRY_POLICY,
  LAMBDA_TRANSIENT_ERRORS,
  PUT_EVENTS_TRANSIENT_ERRORS,
  STEP_TIMEOUT_ERRORS,
  taskRetry,
  type TaskRetryPolicy,
} from './task-retry';
import {
  FAILURE_KEY,
  JSONPATH_DIALECT,
  type ArgumentValue,
  type StatePath,
  type WorkflowDialect,
} from './workflow-dialect';

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
  conflictingOrder: 'ConflictingOrder',
  invalidOrderPlaced: 'InvalidOrderPlaced',
  stepTimedOut: 'StepTimedOut',
  stepFailed: 'StepFailed',
  abandonOrder: 'AbandonOrder',
  abandoned: 'Abandoned?',
  refundPayment: 'RefundPayment',
  releaseReservation: 'ReleaseReservation',
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
  WORKFLOW_STATES.abandonOrder,
  WORKFLOW_STATES.refundPayment,
  WORKFLOW_STATES.releaseReservation,
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
   * Retry tuning of every forward Task.
   * @default - taskRetry's defaults: 1 s, ×2, 5 attempts, at most 20 s, full jitter
   */
  readonly retry?: TaskRetryPolicy;
  /**
   * Retry tuning of every compensating Task.
   * @default COMPENSATION_RETRY_POLICY - 99 attempts, at most 20 s apart
   */
  readonly compensationRetry?: TaskRetryPolicy;
}

/**
 * The order saga as a state machine definition, in JSONPath (the default) or, given
 * JSONATA_DIALECT, JSONata: the same states, names, payloads, retries, catches and state data
 * either way, so an execution takes the same path and ends with the same output. The execution input is the
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
 * transient errors. When the retries of a forward step up to the confirmation run out, the saga
 * gives up on the order and compensates it:
 *
 * ```
 * RecordOrder … ConfirmOrder ─timed out for good→ StepTimedOut (DEADLINE_EXCEEDED) ─┐
 *                            ─failed for good→    StepFailed (TECHNICAL_FAILURE) ───┴→ AbandonOrder → Abandoned?
 * Abandoned? ─cancelled→ RefundPayment → ReleaseReservation → NotifyCancellation → …
 * Abandoned? ─confirmed after all→ Notify → …
 * RecordOrder ─ConflictingOrderError→ ConflictingOrder (Fail: the order that stands is not touched)
 * RecordOrder ─InvalidTaskInputError→ InvalidOrderPlaced (Fail: an OrderPlaced that breaks its
 *   contract recorded nothing, so there is nothing to compensate)
 * ```
 *
 * Each Task's timeout (and its function's) is the deadline of its step, so an order whose step
 * never answers is cancelled with DEADLINE_EXCEEDED once its retries are spent. Notify and
 * EmitOrderConfirmed, after the confirmation, are caught into `OrderFailed` (the sale stands);
 * a compensating Task, retried far longer, into `CompensationFailed` (both Fail states, both
 * alarmed). Every task is idempotent, so the operator fixes the cause and redrives the
 * execution (STANDARD) or starts it again with the same input (EXPRESS).
 */
export function buildSagaWorkflowDefinition(
  scope: Construct,
  props: SagaWorkflowDefinitionProps,
  dialect: WorkflowDialect = JSONPATH_DIALECT,
): sfn.IChainable {
  const names = WORKFLOW_STATES;
  const taskTimeout = sfn.Timeout.duration(props.taskTimeout ?? Duration.seconds(30));
  const lambdaRetry = taskRetry(LAMBDA_TRANSIENT_ERRORS, props.retry);
  const putEventsRetry = taskRetry(PUT_EVENTS_TRANSIENT_ERRORS, props.retry);
  const compensationPolicy = props.compensationRetry ?? COMPENSATION_RETRY_POLICY;
  const compensationLambdaRetry = taskRetry(LAMBDA_TRANSIENT_ERRORS, compensationPolicy);
  const compensationPutEventsRetry = taskRetry(PUT_EVENTS_TRANSIENT_ERRORS, compensationPolicy);

  const orderFailed = dialect.failWithCaughtCause(
    scope,
    names.orderFailed,
    'A forward step failed after its retries. Tasks are idempotent: fix the cause, then redrive.',
    'Saga.StepFailed',
  );
  const compensationFailed = dialect.failWithCaughtCause(
    scope,
    names.compensationFailed,
    'A compensating step failed after its retries; the order may hold a reservation.',
    'Saga.CompensationFailed',
  );
  const conflictingOrder = dialect.failWithCaughtCause(
    scope,
    names.conflictingOrder,
    'An OrderPlaced whose content conflicts with the order recorded under its id: nothing was done for it, and the order that stands is left alone.',
    'Saga.ConflictingOrder',
  );

  // The orchestration's dead letter for a poison OrderPlaced: the execution fails with the
  // contract's reason instead of "compensating" an order that was never recorded.
  const invalidOrderPlaced = dialect.failWithCaughtCause(
    scope,
    names.invalidOrderPlaced,
    'An OrderPlaced that breaks its contract: nothing was recorded or compensated; the cause says what is wrong.',
    'Saga.InvalidOrderPlaced',
  );

  /** A Lambda Task sending `{ action, event }`; keeps `{ outcome, event? }` under `resultKey`. */
  const invoke = (
    id: string,
    service: OrchestratedServiceName,
    action: string,
    event: StatePath,
    resultKey: string,
    decides: boolean,
    compensates = false,
    extraArguments?: Readonly<Record<string, ArgumentValue>>,
  ) =>
    dialect
      .invoke(scope, id, {
        comment: `${service}: ${action}`,
        lambdaFunction: props.taskFunctions[service],
        action,
        event,
        resultKey,
        decides,
        taskTimeout,
        ...(extraArguments ? { extraArguments } : {}),
      })
      .addRetry(compensates ? compensationLambdaRetry : lambdaRetry);

  /** A PutEvents Task emitting the outcome at `outcome.event`, under its contract's source. */
  const emit = (id: string, contract: EventContract, compensates = false) =>
    dialect
      .emit(scope, id, { eventBusName: props.eventBus.eventBusName, contract, event: 'outcome.event' })
      .addRetry(compensates ? compensationPutEventsRetry : putEventsRetry);

  // Forward path.
  const readOrderPlaced = dialect.readEventBridgeEvent(
    scope,
    names.readOrderPlaced,
    'keeps the OrderPlaced of the EventBridge event, in the shape the tasks take',
    'orderPlaced',
  );
  const recordOrder = invoke(names.recordOrder, 'orders', 'RecordOrder', 'orderPlaced', 'recorded', false);
  const reserveStock = invoke(names.reserveStock, 'inventory', 'ReserveStock', 'orderPlaced', 'reservation', true);
  const processPayment = invoke(
    names.processPayment,
    'payments',
    'ProcessPayment',
    'reservation.event',
    'payment',
    true,
  );
  const scheduleShipment = invoke(
    names.scheduleShipment,
    'shipping',
    'ScheduleShipment',
    'payment.event',
    'shipment',
    true,
  );
  const confirmOrder = invoke(names.confirmOrder, 'orders', 'ConfirmOrder', 'shipment.event', 'outcome', true);
  const notify = invoke(names.notify, 'notifications', 'Notify', 'outcome.event', 'notification', false);
  const emitOrderConfirmed = emit(names.emitOrderConfirmed, OrderConfirmed);
  const orderConfirmed = dialect.succeed(
    scope,
    names.orderConfirmed,
    'stock reserved, payment taken, shipment scheduled',
  );

  // Compensation path.
  const stockUnavailable = dialect.copy(
    scope,
    names.stockUnavailable,
    'StockReservationFailed cancels the order: nothing was reserved, so nothing is released',
    'reservation',
    'cancellation',
  );
  const releaseStock = invoke(
    names.releaseStock,
    'inventory',
    'ReleaseStock',
    'payment.event',
    'cancellation',
    true,
    true,
  );
  const cancelOrder = invoke(names.cancelOrder, 'orders', 'CancelOrder', 'cancellation.event', 'outcome', true, true);
  const notifyCancellation = invoke(
    names.notifyCancellation,
    'notifications',
    'Notify',
    'outcome.event',
    'notification',
    false,
    true,
  );
  const emitOrderCancelled = emit(names.emitOrderCancelled, OrderCancelled, true);

  // Giving up on an order: cancel it (or learn it was confirmed after all), then compensate.
  const stepTimedOut = dialect.set(
    scope,
    names.stepTimedOut,
    'a step did not answer within its timeouts and retries: the deadline of the order has passed',
    'abandon',
    { reason: 'DEADLINE_EXCEEDED' },
  );
  const stepFailed = dialect.set(
    scope,
    names.stepFailed,
    'a step failed for good (its retries are spent): a technical failure',
    'abandon',
    { reason: 'TECHNICAL_FAILURE' },
  );
  const abandonOrder = invoke(names.abandonOrder, 'orders', 'AbandonOrder', 'orderPlaced', 'outcome', true, true, {
    reason: { at: 'abandon.reason' },
    cause: { join: [`${FAILURE_KEY}.Error`, `${FAILURE_KEY}.Cause`], separator: ': ' },
  });
  const refundPayment = invoke(
    names.refundPayment,
    'payments',
    'RefundPayment',
    'outcome.event',
    'refund',
    false,
    true,
  );
  const releaseReservation = invoke(
    names.releaseReservation,
    'inventory',
    'ReleaseReservation',
    'outcome.event',
    'release',
    false,
    true,
  );
  const orderCancelled = dialect.succeed(scope, names.orderCancelled, 'no sale; any reservation was released');

  dialect.catch(recordOrder, conflictingOrder, [TASK_ERROR_NAMES.conflictingOrder]);
  dialect.catch(recordOrder, invalidOrderPlaced, [TASK_ERROR_NAMES.invalidInput]);
  for (const state of [recordOrder, reserveStock, processPayment, scheduleShipment, confirmOrder]) {
    dialect.catch(state, stepTimedOut, STEP_TIMEOUT_ERRORS);
    dialect.catch(state, stepFailed, [sfn.Errors.ALL]);
  }
  for (const state of [notify, emitOrderConfirmed]) {
    dialect.catch(state, orderFailed, [sfn.Errors.ALL]);
  }
  for (const state of [
    releaseStock,
    cancelOrder,
    abandonOrder,
    refundPayment,
    releaseReservation,
    notifyCancellation,
    emitOrderCancelled,
  ]) {
    dialect.catch(state, compensationFailed, [sfn.Errors.ALL]);
  }

  cancelOrder.next(notifyCancellation).next(emitOrderCancelled).next(orderCancelled);
  releaseStock.next(cancelOrder);
  stockUnavailable.next(cancelOrder);

  const confirmedPath = notify.next(emitOrderConfirmed).next(orderConfirmed);
  stepTimedOut.next(abandonOrder);
  stepFailed.next(abandonOrder);
  abandonOrder.next(
    dialect
      .choice(
        scope,
        names.abandoned,
        'OrderCancelled: compensate; OrderConfirmed: the order was confirmed after all, so it stands',
      )
      .when(dialect.stringEquals('outcome.event.detailType', 'OrderConfirmed'), confirmedPath)
      .otherwise(refundPayment.next(releaseReservation).next(notifyCancellation)),
  );

  const paymentCompleted = dialect
    .choice(scope, names.paymentCompleted, 'PaymentCompleted, or PaymentFailed (declined)')
    .when(
      dialect.stringEquals('payment.event.detailType', 'PaymentCompleted'),
      scheduleShipment.next(confirmOrder).next(confirmedPath),
    )
    .otherwise(releaseStock);
  const stockReserved = dialect
    .choice(scope, names.stockReserved, 'StockReserved, or StockReservationFailed (out of stock, unknown SKU)')
    .when(dialect.stringEquals('reservation.event.detailType', 'StockReserved'), processPayment.next(paymentCompleted))
    .otherwise(stockUnavailable);

  return readOrderPlaced.next(recordOrder).next(reserveStock).next(stockReserved);
}
