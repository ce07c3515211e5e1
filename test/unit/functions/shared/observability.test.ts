import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '../../../../lib/contracts';
import { buildEvent } from '../../../../functions/shared/event-builder';
import { businessMetricOf, countBusinessOutcomes, flushMetrics } from '../../../../functions/shared/observability';
import { readRuntimeConfig, ConfigurationError } from '../../../../functions/shared/runtime-config';
import { deriveOrderScopedId } from '../../../../functions/shared/derived-id';

const cause = { causationId: 'c0ffee00-0000-4000-8000-000000000000', correlationId: 'ord-1', occurredAt: new Date(0) };

function quietMetrics(): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'test', logger: new Logger({ logLevel: 'SILENT' }) });
}

describe('business metrics', () => {
  it.each([
    ['counts a stock-out for OUT_OF_STOCK', 'OUT_OF_STOCK', 'StockOuts'],
    ['counts no stock-out for an unknown sku', 'UNKNOWN_SKU', undefined],
  ] as const)('%s', (_, reason, metric) => {
    const failed = buildEvent(
      'StockReservationFailed',
      { orderId: 'ord-1', customerId: 'cus-1', reason, unavailable: [{ sku: 'a', requested: 1, available: 0 }] },
      cause,
    );

    expect(businessMetricOf(failed)).toBe(metric);
  });

  it('adds one count per outcome event', () => {
    const metrics = quietMetrics();
    const addMetric = jest.spyOn(metrics, 'addMetric');
    const declined = buildEvent(
      'PaymentFailed',
      { orderId: 'ord-1', customerId: 'cus-1', amount: 1, currency: 'EUR', reason: 'CARD_DECLINED' },
      cause,
    );

    countBusinessOutcomes(metrics, [declined]);

    expect(addMetric).toHaveBeenCalledWith('PaymentsDeclined', 'Count', 1);
  });

  it('does not throw or warn when an invocation added no metric', () => {
    const metrics = quietMetrics();
    const publish = jest.spyOn(metrics, 'publishStoredMetrics');

    expect(() => flushMetrics(metrics)).not.toThrow();
    expect(publish).not.toHaveBeenCalled();
  });
});

describe('readRuntimeConfig', () => {
  it('reads table, queue and bus names from the environment', () => {
    const config = readRuntimeConfig(
      { TABLE_NAME: 't', DEAD_LETTER_QUEUE_URL: 'q', EVENT_BUS_NAME: 'b' },
      { bus: true, deadLetterQueue: true },
    );

    expect(config).toEqual({ tableName: 't', deadLetterQueueUrl: 'q', eventBusName: 'b', sagaDeadlineSeconds: 900 });
  });

  it('fails naming the missing variable', () => {
    expect(() =>
      readRuntimeConfig({ TABLE_NAME: 't', DEAD_LETTER_QUEUE_URL: 'q' }, { bus: true, deadLetterQueue: true }),
    ).toThrow(new ConfigurationError(['EVENT_BUS_NAME']));
  });

  it('needs no bus for a service that publishes nothing', () => {
    expect(
      readRuntimeConfig({ TABLE_NAME: 't', DEAD_LETTER_QUEUE_URL: 'q' }, { bus: false, deadLetterQueue: true }),
    ).toEqual({
      tableName: 't',
      deadLetterQueueUrl: 'q',
      sagaDeadlineSeconds: 900,
    });
  });
});

describe('readRuntimeConfig for a Step Functions task', () => {
  it('needs the table only, as the state machine publishes and keeps failed input', () => {
    expect(readRuntimeConfig({ TABLE_NAME: 't' }, { bus: false, deadLetterQueue: false })).toEqual({
      tableName: 't',
      sagaDeadlineSeconds: 900,
    });
    expect(() => readRuntimeConfig({}, { bus: false, deadLetterQueue: false })).toThrow(
      new ConfigurationError(['TABLE_NAME']),
    );
  });
});

describe('deriveOrderScopedId', () => {
  it('prefixes the order id', () => {
    expect(deriveOrderScopedId('pay', 'ord-1001')).toBe('pay-ord-1001');
  });

  it('stays within 64 characters for the longest order ids, and stays stable', () => {
    const longId = 'o'.repeat(64);

    const id = deriveOrderScopedId('pay', longId);

    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toBe(deriveOrderScopedId('pay', longId));
    expect(id).not.toBe(deriveOrderScopedId('pay', 'p'.repeat(64)));
  });
});
