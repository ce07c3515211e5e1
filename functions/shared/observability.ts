import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, RUNTIME_ENV } from '../../lib/contracts';
import type { OutgoingEvent } from './event-builder';

/** The business outcomes counted as CloudWatch metrics, one per saga outcome worth an alarm. */
export const BUSINESS_METRICS = {
  ordersConfirmed: 'OrdersConfirmed',
  ordersCancelled: 'OrdersCancelled',
  paymentsDeclined: 'PaymentsDeclined',
  stockOuts: 'StockOuts',
} as const;

export type BusinessMetric = (typeof BUSINESS_METRICS)[keyof typeof BUSINESS_METRICS];

/** A JSON logger for `service`; POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL override the defaults. */
export function createLogger(service: string, env: NodeJS.ProcessEnv = process.env): Logger {
  return new Logger({ serviceName: env[RUNTIME_ENV.serviceName] || service });
}

/** Metrics in the project's namespace (POWERTOOLS_METRICS_NAMESPACE overrides it), logging through `logger`. */
export function createMetrics(service: string, logger: Logger, env: NodeJS.ProcessEnv = process.env): Metrics {
  return new Metrics({
    namespace: env[RUNTIME_ENV.metricsNamespace] || METRICS_NAMESPACE,
    serviceName: env[RUNTIME_ENV.serviceName] || service,
    logger,
  });
}

/**
 * The business metric a newly decided event counts towards, if any. A stock-out is a line that
 * ran out, not an unknown SKU (a catalogue error, which an alarm on stock-outs should not see).
 */
export function businessMetricOf(event: OutgoingEvent): BusinessMetric | undefined {
  switch (event.detailType) {
    case 'OrderConfirmed':
      return BUSINESS_METRICS.ordersConfirmed;
    case 'OrderCancelled':
      return BUSINESS_METRICS.ordersCancelled;
    case 'PaymentFailed':
      return BUSINESS_METRICS.paymentsDeclined;
    case 'StockReservationFailed':
      return (event as OutgoingEvent<'StockReservationFailed'>).detail.data.reason === 'OUT_OF_STOCK'
        ? BUSINESS_METRICS.stockOuts
        : undefined;
    default:
      return undefined;
  }
}

/** Counts the business outcomes among `events`; call it once per decision, never for a redelivery. */
export function countBusinessOutcomes(metrics: Metrics, events: readonly OutgoingEvent[]): void {
  for (const event of events) {
    const metric = businessMetricOf(event);
    if (metric) metrics.addMetric(metric, MetricUnit.Count, 1);
  }
}

/**
 * Publishes the metrics stored during an invocation. Most invocations decide no business outcome;
 * publishing nothing then is normal, so it is skipped rather than warned about or thrown.
 */
export function flushMetrics(metrics: Metrics): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
