import { serviceResourceNames } from '../../../lib/contracts';
import orders from '../../fixtures/e2e/orders.json';
import { sagaCloudForAllTests, VARIANT } from './saga-cloud';
import { contractData, placeOrder } from './saga-events';
import { readOrderState } from './saga-state';
import { traceOf } from './saga-trace';
import { StalledDynamoDb } from './stalled-dynamodb';

/**
 * Time scale 40 with a 2 s wall floor on function timeouts: the payments function times out 2 s
 * (wall) into an invocation, and its queue's 120 s visibility timeout hands the message out
 * again 3 s (wall) after it was received. The retry thus comes after the timeout, as in AWS,
 * where the visibility timeout is six times the function timeout.
 */
const TIME_SCALE = 40;
const MIN_TIMEOUT_WALL_MS = 2000;

describe('a handler that outlives its function timeout on the local cloud', () => {
  // Two payments environments: the timeout ends one, and the retry must not wait for a cold start.
  const saga = sagaCloudForAllTests({
    timeScale: TIME_SCALE,
    minTimeoutWallMs: MIN_TIMEOUT_WALL_MS,
    warmEnvironments: { payments: 2 },
  });

  it('times out while DynamoDB stalls, then the message becomes visible again and the retry confirms the order', async () => {
    // Prepare
    const order = contractData('OrderPlaced', orders.timeout);
    const payments = serviceResourceNames(VARIANT, 'payments');
    const stall = StalledDynamoDb.install(saga.cloud, {
      functionName: payments.functionName,
      // The customer's credit limit: the read before the charge is decided and written.
      operation: 'GetItem',
      bodyContains: `CUSTOMER#${order.customerId}`,
      stallWallMs: 2 * MIN_TIMEOUT_WALL_MS,
    });

    // Act
    await placeOrder(saga.clients.eventBridge, order);
    await saga.quiet();

    // Assess
    expect(stall.stalled).toBe(1);
    const state = await readOrderState(saga.clients.documentClient, order.orderId);
    expect(state.order?.status).toBe('CONFIRMED');
    expect(state.charges).toEqual([expect.objectContaining({ status: 'CHARGED' })]);
    expect(state.notifications).toHaveLength(1);
    const paymentsSteps = traceOf(
      saga.cloud.trace,
      order.orderId,
      'message.received',
      'invocation.ended',
      'message.returned',
      'message.deleted',
    )
      .filter((event) =>
        event.kind === 'invocation.ended'
          ? event.functionName === payments.functionName
          : event.queue === payments.queue,
      )
      .map((event) => {
        switch (event.kind) {
          case 'invocation.ended':
            return `${event.kind} ${event.outcome}`;
          case 'message.deleted':
            return event.kind;
          default:
            return `${event.kind} ${event.receiveCount}`;
        }
      });
    expect(paymentsSteps).toEqual([
      'message.received 1',
      'invocation.ended timeout',
      'message.returned 1',
      'message.received 2',
      'invocation.ended success',
      'message.deleted',
    ]);
  }, 60_000);
});
