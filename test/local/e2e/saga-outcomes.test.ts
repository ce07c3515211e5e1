import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOrderPlaced } from '../../../functions/shared/event-builder';
import { EVENT_CONTRACTS, eventPatternJsonFor, serviceResourceNames, type EventData } from '../../../lib/contracts';
import orders from '../../fixtures/e2e/orders.json';
import { deadLettersOf } from '../../../lib/saga/saga-run';
import { disagreements } from '../../../lib/saga/saga-invariants';
import { awsCli } from '../../support/aws-cli';
import { tapEvents } from './event-tap';
import { findMessage, queueUrlOf } from './queue-messages';
import { sagaCloudForAllTests, VARIANT } from './saga-cloud';
import { contractData, placeOrder, putEventsEntry, putSagaEvents } from './saga-events';
import { readOrderState, readStockOf } from './saga-state';
import { eventsPut, republications, sagaPath, traceOf } from './saga-trace';

/** The aws CLI as a developer runs it against the local cloud: dummy credentials, a CLI's patience. */
const DEVELOPER_CREDENTIALS = { accessKeyId: 'dummy', secretAccessKey: 'dummy', timeoutMs: 30_000 };

/**
 * The choreographed saga end to end on the local cloud: the real synthesized app (rules, queues,
 * event source mappings, bundled functions, tables) driven only through the stock SDK and CLI.
 */
describe('the choreographed saga on the local cloud', () => {
  const saga = sagaCloudForAllTests();

  const quiet = () => saga.quiet();
  const totalOf = (order: EventData<'OrderPlaced'>) =>
    order.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const skusOf = (order: EventData<'OrderPlaced'>) => order.lines.map((line) => line.sku);
  const decremented = (stock: Record<string, number | undefined>, order: EventData<'OrderPlaced'>) =>
    Object.fromEntries(order.lines.map((line) => [line.sku, (stock[line.sku] ?? Number.NaN) - line.quantity]));

  it('confirms an order in stock and paid for: stock decremented, one charge, one notification', async () => {
    // Prepare
    const order = contractData('OrderPlaced', orders.confirmed);
    const stockBefore = await readStockOf(saga.clients.documentClient, skusOf(order));

    // Act
    await placeOrder(saga.clients.eventBridge, order);
    await quiet();

    // Assess
    const state = await readOrderState(saga.clients.documentClient, order.orderId);
    expect(state.order).toMatchObject({ status: 'CONFIRMED', confirmation: { trackingId: expect.any(String) } });
    expect(await readStockOf(saga.clients.documentClient, skusOf(order))).toEqual(decremented(stockBefore, order));
    expect(state.reservation?.status).toBe('RESERVED');
    expect(state.charges).toEqual([
      expect.objectContaining({ status: 'CHARGED', amount: totalOf(order), currency: 'EUR' }),
    ]);
    expect(state.notifications).toEqual([expect.objectContaining({ outcome: 'CONFIRMED' })]);
    expect(sagaPath(saga.cloud.trace, order.orderId)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'PaymentCompleted',
      'ShipmentScheduled',
      'OrderConfirmed',
    ]);
  }, 60_000);

  it('cancels an order with a line out of stock as OUT_OF_STOCK, reserving nothing and charging nothing', async () => {
    // Prepare
    const order = contractData('OrderPlaced', orders.outOfStock);
    const stockBefore = await readStockOf(saga.clients.documentClient, skusOf(order));

    // Act
    await placeOrder(saga.clients.eventBridge, order);
    await quiet();

    // Assess
    const state = await readOrderState(saga.clients.documentClient, order.orderId);
    expect(state.order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'OUT_OF_STOCK' });
    expect(await readStockOf(saga.clients.documentClient, skusOf(order))).toEqual(stockBefore);
    expect(state.reservation?.status).toBe('FAILED');
    // Payments recorded the cancelled order VOIDED, so a late StockReserved could never charge it.
    expect(state.charges.map((charge) => charge.status)).toEqual(['VOIDED']);
    expect(state.notifications).toEqual([expect.objectContaining({ outcome: 'CANCELLED' })]);
    expect(sagaPath(saga.cloud.trace, order.orderId)).toEqual([
      'OrderPlaced',
      'StockReservationFailed',
      'OrderCancelled',
    ]);
  }, 60_000);

  it('cancels a declined order as PAYMENT_DECLINED after releasing the stock it had reserved', async () => {
    // Prepare
    const order = contractData('OrderPlaced', orders.paymentDeclined);
    const stockBefore = await readStockOf(saga.clients.documentClient, skusOf(order));

    // Act
    await placeOrder(saga.clients.eventBridge, order);
    await quiet();

    // Assess
    const state = await readOrderState(saga.clients.documentClient, order.orderId);
    expect(state.order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'PAYMENT_DECLINED' });
    expect(await readStockOf(saga.clients.documentClient, skusOf(order))).toEqual(stockBefore);
    expect(state.reservation?.status).toBe('RELEASED');
    expect(state.charges.filter((charge) => charge.status === 'CHARGED')).toEqual([]);
    expect(state.charges).toEqual([expect.objectContaining({ status: 'DECLINED', declineReason: 'LIMIT_EXCEEDED' })]);
    expect(state.notifications).toEqual([expect.objectContaining({ outcome: 'CANCELLED' })]);
    // Reserved, then given back: the compensation ran, in that order.
    expect(sagaPath(saga.cloud.trace, order.orderId)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'PaymentFailed',
      'StockReleased',
      'OrderCancelled',
    ]);
  }, 60_000);

  it('charges and notifies once when OrderPlaced is published twice and a processed message is sent again', async () => {
    // Prepare
    const order = contractData('OrderPlaced', orders.duplicateDelivery);
    const stockBefore = await readStockOf(saga.clients.documentClient, skusOf(order));
    const paymentsQueueUrl = await queueUrlOf(saga.clients.sqs, serviceResourceNames(VARIANT, 'payments').queue);
    const tap = await tapEvents(saga.clients, 'e2e-tap-stock-reserved', {
      ...eventPatternJsonFor(EVENT_CONTRACTS.StockReserved),
      detail: { metadata: { correlationId: [order.orderId] } },
    });
    const orderPlaced = buildOrderPlaced(order);

    // Act: a client retry (the same OrderPlaced, two PutEvents calls) ...
    await putSagaEvents(saga.clients.eventBridge, [orderPlaced]);
    await putSagaEvents(saga.clients.eventBridge, [orderPlaced]);
    let processedBody: string | undefined;
    try {
      processedBody = (await findMessage(saga.clients.sqs, tap.queueUrl, () => true)).Body;
    } finally {
      await tap.close();
    }
    await quiet();
    // ... then the StockReserved body payments already processed, sent straight into its queue.
    const { MessageId: resentMessageId } = await saga.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: paymentsQueueUrl, MessageBody: processedBody }),
    );
    await quiet();

    // Assess
    const state = await readOrderState(saga.clients.documentClient, order.orderId);
    expect(state.order?.status).toBe('CONFIRMED');
    expect(state.charges).toEqual([expect.objectContaining({ status: 'CHARGED', amount: totalOf(order) })]);
    expect(state.notifications).toHaveLength(1);
    expect(await readStockOf(saga.clients.documentClient, skusOf(order))).toEqual(decremented(stockBefore, order));
    // The re-sent message was handled (deleted), not retried or dead-lettered.
    const resent = traceOf(
      saga.cloud.trace,
      order.orderId,
      'message.sent',
      'message.deleted',
      'message.dead-lettered',
    ).filter((event) => event.messageId === resentMessageId);
    expect(resent.map((event) => event.kind)).toEqual(['message.sent', 'message.deleted']);
    // Every redelivery republished the very same saga events: one metadata.eventId per type,
    // carried by as many PutEvents (each with its own EventBridge envelope id).
    const published = republications(saga.cloud.trace, order.orderId);
    for (const [detailType, summary] of Object.entries(published)) {
      expect({ detailType, sagaEventIds: summary.sagaEventIds.length, envelopeIds: summary.envelopeIds }).toEqual({
        detailType,
        sagaEventIds: 1,
        envelopeIds: summary.puts,
      });
    }
    expect(published.OrderPlaced?.puts).toBe(2);
    expect(published.StockReserved?.puts).toBeGreaterThanOrEqual(2);
    expect(published.PaymentCompleted?.puts).toBeGreaterThanOrEqual(3);
    expect(published.OrderConfirmed?.puts).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('accepts an order published with the stock aws CLI v1 and confirms it', async () => {
    // Prepare
    const order = contractData('OrderPlaced', orders.awsCli);
    const { endpointUrl, model } = saga.cloud;
    const entries = JSON.stringify([putEventsEntry(buildOrderPlaced(order))]);

    // Act
    const put = await awsCli(endpointUrl, ['events', 'put-events', '--entries', entries], {
      region: model.region,
      ...DEVELOPER_CREDENTIALS,
    });
    await quiet();

    // Assess
    expect(put).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    expect(eventsPut(saga.cloud.trace, order.orderId)[0]).toMatchObject({
      detailType: 'OrderPlaced',
      caller: 'client',
    });
    // The CLI's event went the whole way: the orders table holds the order, CONFIRMED.
    expect((await readOrderState(saga.clients.documentClient, order.orderId)).order?.status).toBe('CONFIRMED');
  }, 60_000);
  it("keeps the orders function's Powertools lines for a published order in its log group (aws logs filter-log-events) and answers aws lambda invoke", async () => {
    // Prepare
    const order = contractData('OrderPlaced', { ...orders.confirmed, orderId: 'ord-e2e-logs' });
    const { endpointUrl, model } = saga.cloud;
    const ordersFunction = serviceResourceNames(VARIANT, 'orders').functionName;
    const logGroup = model.functions.find((fn) => fn.name === ordersFunction)?.logGroupName ?? '';
    const outFile = join(mkdtempSync(join(tmpdir(), 'invoke-')), 'out.json');

    // Act
    await placeOrder(saga.clients.eventBridge, order);
    await quiet();
    const filtered = await awsCli(
      endpointUrl,
      [
        'logs',
        'filter-log-events',
        '--log-group-name',
        logGroup,
        '--filter-pattern',
        `{ $.correlation_id = "${order.orderId}" }`,
      ],
      { region: model.region, ...DEVELOPER_CREDENTIALS },
    );
    const invoked = await awsCli(
      endpointUrl,
      ['lambda', 'invoke', '--function-name', ordersFunction, '--payload', '{"Records":[]}', outFile],
      { region: model.region, ...DEVELOPER_CREDENTIALS },
    );

    // Assess: the orders function logged the order (Powertools JSON, correlation_id = the order id).
    const messages = (filtered.events as { message: string }[]).map((event) => JSON.parse(event.message) as unknown);
    expect(messages).toContainEqual(
      expect.objectContaining({ level: 'INFO', message: 'handled OrderPlaced', correlation_id: order.orderId }),
    );
    expect(invoked).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(JSON.parse(readFileSync(outFile, 'utf8'))).toEqual({ batchItemFailures: [] });
  }, 60_000);

  it('detects 40 conflicting OrderPlaced pairs of each kind: no disagreement between order, reservation and charge, each conflict dead-lettered per service with its reason (a second copy only when deliveries overlap)', async () => {
    // Prepare: per pair one order id and two contents; "same id" pairs share the storefront's
    // event id and go in one PutEvents call, "new id" pairs go back to back with fresh event ids.
    const pairs = Array.from({ length: 40 }, (_, index) => index).flatMap((index) =>
      (['same-id', 'new-id'] as const).map((kind) => {
        const orderId = `ord-conflict-${kind}-${index}`;
        const laptop = { orderId, customerId: 'cus-margaret', currency: 'EUR', paymentToken: 'tok_visa' };
        const first = buildOrderPlaced({ ...laptop, lines: [{ sku: 'sku-laptop', quantity: 1, unitPrice: 149_900 }] });
        const second = buildOrderPlaced({ ...laptop, lines: [{ sku: 'sku-cable', quantity: 1, unitPrice: 900 }] });
        if (kind === 'same-id') return { orderId, kind, events: [first, second] };
        const renamed = {
          ...second.detail.metadata,
          eventId: randomUUID(),
          causationId: `storefront-retry:${orderId}`,
        };
        return { orderId, kind, events: [first, { ...second, detail: { ...second.detail, metadata: renamed } }] };
      }),
    );

    // Act
    await Promise.all(
      pairs.map(async (pair) => {
        if (pair.kind === 'same-id') return putSagaEvents(saga.clients.eventBridge, pair.events);
        for (const event of pair.events) await putSagaEvents(saga.clients.eventBridge, [event]);
      }),
    );
    await saga.quiet(240_000);

    // Assess
    const states = await Promise.all(pairs.map((pair) => readOrderState(saga.clients.documentClient, pair.orderId)));
    const problems = disagreements({
      orders: states.flatMap((state) =>
        state.order
          ? [
              {
                orderId: state.order.orderId,
                status: state.order.status,
                content: { lines: state.order.lines ?? [], currency: state.order.currency ?? '' },
              },
            ]
          : [],
      ),
      reservations: states.flatMap((state) => (state.reservation ? [state.reservation] : [])),
      charges: states.flatMap((state) => state.charges),
    });
    expect(problems).toEqual([]);
    expect(states.every((state) => state.order?.status !== 'PENDING')).toBe(true);
    const letters = deadLettersOf(saga.cloud, VARIANT);
    for (const service of ['orders', 'inventory'] as const) {
      const queue = serviceResourceNames(VARIANT, service).deadLetterQueue;
      const conflicts = letters.filter((letter) => letter.queue === queue && letter.reason?.startsWith('conflicting'));
      const reasons = conflicts.map((letter) => letter.reason);
      expect({ service, reasons: [...new Set(reasons)].sort() }).toEqual({
        service,
        reasons: pairs.map((pair) => `conflicting OrderPlaced for ${pair.orderId}`).sort(),
      });
      // Once per conflict through the service's dead-letter ledger; a second copy is possible only
      // when a delivery overlaps one that claimed the key and had not marked it sent within 500 ms
      // (on this loaded machine at time scale 100: 0 to 3 of 160).
      expect(reasons.length - new Set(reasons).size).toBeLessThanOrEqual(pairs.length / 10);
    }
  }, 300_000);
});
