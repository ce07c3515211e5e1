import { Aws, Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { OrderCancelled, OrderConfirmed, type EventContract, type OrchestratedServiceName } from '../../contracts';
import { WORKFLOW_STATES, type SagaWorkflowDefinitionProps } from './saga-workflow-definition';
import { LAMBDA_TRANSIENT_ERRORS, PUT_EVENTS_TRANSIENT_ERRORS, taskRetry } from './task-retry';

/** `{% … %}`: a JSONata expression as the JSONata constructs take it. */
const jsonata = (expression: string): string => `{% ${expression} %}`;

/** The state input with `key` set to `value` (a JSONata expression): how each step keeps its result. */
const withKey = (key: string, value: string): string => jsonata(`$merge([$states.input, {'${key}': ${value}}])`);

/**
 * The order saga of {@link buildSagaWorkflowDefinition}, written with the CDK's JSONata
 * constructs (`LambdaInvoke.jsonata`, `Pass.jsonata`, `Choice.jsonata`, `Condition.jsonata`,
 * `Fail.jsonata`, `Succeed.jsonata`; the PutEvents Task as a JSONata CustomState): the same
 * states, names, payloads, retries, catches and state data, so an execution takes the same path
 * and ends with the same output. Each state's `Output` merges its result into the state input
 * where the JSONPath version's `ResultPath` puts it.
 */
export function buildSagaWorkflowDefinitionJsonata(
  scope: Construct,
  props: SagaWorkflowDefinitionProps,
): sfn.IChainable {
  const names = WORKFLOW_STATES;
  const taskTimeout = sfn.Timeout.duration(props.taskTimeout ?? Duration.seconds(30));
  const lambdaRetry = taskRetry(LAMBDA_TRANSIENT_ERRORS, props.retry);
  const putEventsRetry = taskRetry(PUT_EVENTS_TRANSIENT_ERRORS, props.retry);

  const orderFailed = sfn.Fail.jsonata(scope, names.orderFailed, {
    comment: 'A forward step failed after its retries. Tasks are idempotent: fix the cause, then redrive.',
    error: 'Saga.StepFailed',
    cause: jsonata('$states.input.failure.Cause'),
  });
  const compensationFailed = sfn.Fail.jsonata(scope, names.compensationFailed, {
    comment: 'A compensating step failed after its retries; the order may hold a reservation.',
    error: 'Saga.CompensationFailed',
    cause: jsonata('$states.input.failure.Cause'),
  });
  const catchInto = (state: sfn.TaskStateBase | sfn.CustomState, target: sfn.Fail) =>
    state.addCatch(target, { errors: [sfn.Errors.ALL], outputs: withKey('failure', '$states.errorOutput') });

  /** A Lambda Task sending `{ action, event }`; keeps `{ outcome, event? }` under `key`. */
  const invoke = (
    id: string,
    service: OrchestratedServiceName,
    action: string,
    event: string,
    key: string,
    decides: boolean,
  ) =>
    tasks.LambdaInvoke.jsonata(scope, id, {
      comment: `${service}: ${action}`,
      lambdaFunction: props.taskFunctions[service],
      payload: sfn.TaskInput.fromObject({ action, event: jsonata(event) }),
      retryOnServiceExceptions: false,
      taskTimeout,
      outputs: withKey(
        key,
        decides
          ? "{'outcome': $states.result.Payload.outcome, 'event': $states.result.Payload.event}"
          : "{'outcome': $states.result.Payload.outcome}",
      ),
    }).addRetry(lambdaRetry);

  /** A PutEvents Task emitting the outcome at `outcome.event`, under its contract's source. */
  const emit = (id: string, contract: EventContract) =>
    new sfn.CustomState(scope, id, {
      stateJson: {
        Type: 'Task',
        QueryLanguage: 'JSONata',
        Comment: `puts ${contract.detailType} on the bus for consumers outside the saga`,
        Resource: `arn:${Aws.PARTITION}:states:::events:putEvents`,
        Arguments: {
          Entries: [
            {
              EventBusName: props.eventBus.eventBusName,
              Source: contract.source,
              DetailType: contract.detailType,
              Detail: jsonata('$states.input.outcome.event.detail'),
            },
          ],
        },
        TimeoutSeconds: 30,
        Output: jsonata('$states.input'),
      },
    }).addRetry(putEventsRetry);

  // Forward path.
  const readOrderPlaced = sfn.Pass.jsonata(scope, names.readOrderPlaced, {
    comment: 'keeps the OrderPlaced of the EventBridge event, in the shape the tasks take',
    outputs: {
      orderPlaced: {
        detailType: jsonata('$states.input.`detail-type`'),
        detail: jsonata('$states.input.detail'),
      },
    },
  });
  const recordOrder = invoke(
    names.recordOrder,
    'orders',
    'RecordOrder',
    '$states.input.orderPlaced',
    'recorded',
    false,
  );
  const reserveStock = invoke(
    names.reserveStock,
    'inventory',
    'ReserveStock',
    '$states.input.orderPlaced',
    'reservation',
    true,
  );
  const processPayment = invoke(
    names.processPayment,
    'payments',
    'ProcessPayment',
    '$states.input.reservation.event',
    'payment',
    true,
  );
  const scheduleShipment = invoke(
    names.scheduleShipment,
    'shipping',
    'ScheduleShipment',
    '$states.input.payment.event',
    'shipment',
    true,
  );
  const confirmOrder = invoke(
    names.confirmOrder,
    'orders',
    'ConfirmOrder',
    '$states.input.shipment.event',
    'outcome',
    true,
  );
  const notify = invoke(names.notify, 'notifications', 'Notify', '$states.input.outcome.event', 'notification', false);
  const emitOrderConfirmed = emit(names.emitOrderConfirmed, OrderConfirmed);
  const orderConfirmed = sfn.Succeed.jsonata(scope, names.orderConfirmed, {
    comment: 'stock reserved, payment taken, shipment scheduled',
  });

  // Compensation path.
  const stockUnavailable = sfn.Pass.jsonata(scope, names.stockUnavailable, {
    comment: 'StockReservationFailed cancels the order: nothing was reserved, so nothing is released',
    outputs: withKey('cancellation', '$states.input.reservation'),
  });
  const releaseStock = invoke(
    names.releaseStock,
    'inventory',
    'ReleaseStock',
    '$states.input.payment.event',
    'cancellation',
    true,
  );
  const cancelOrder = invoke(
    names.cancelOrder,
    'orders',
    'CancelOrder',
    '$states.input.cancellation.event',
    'outcome',
    true,
  );
  const notifyCancellation = invoke(
    names.notifyCancellation,
    'notifications',
    'Notify',
    '$states.input.outcome.event',
    'notification',
    false,
  );
  const emitOrderCancelled = emit(names.emitOrderCancelled, OrderCancelled);
  const orderCancelled = sfn.Succeed.jsonata(scope, names.orderCancelled, {
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

  const paymentCompleted = sfn.Choice.jsonata(scope, names.paymentCompleted, {
    comment: 'PaymentCompleted, or PaymentFailed (declined)',
  })
    .when(
      sfn.Condition.jsonata(jsonata("$states.input.payment.event.detailType = 'PaymentCompleted'")),
      scheduleShipment.next(confirmOrder).next(notify).next(emitOrderConfirmed).next(orderConfirmed),
    )
    .otherwise(releaseStock);
  const stockReserved = sfn.Choice.jsonata(scope, names.stockReserved, {
    comment: 'StockReserved, or StockReservationFailed (out of stock, unknown SKU)',
  })
    .when(
      sfn.Condition.jsonata(jsonata("$states.input.reservation.event.detailType = 'StockReserved'")),
      processPayment.next(paymentCompleted),
    )
    .otherwise(stockUnavailable);

  return readOrderPlaced.next(recordOrder).next(reserveStock).next(stockReserved);
}
