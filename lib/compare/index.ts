/**
 * Choreography or orchestration? Measures both variants of the saga on the local cloud, models
 * their AWS cost, reads their coupling from the synthesized app, and reports it (`choreo compare`).
 */
export {
  DEFAULT_AWS_PRICES_FILE,
  InvalidPriceTableError,
  loadAwsPrices,
  parseAwsPrices,
  type AwsPrice,
  type AwsPrices,
} from './aws-prices';
export {
  billableUsageOf,
  buildComparison,
  formatUsd,
  readingOf,
  type ComparisonReport,
  type VariantMeasurement,
} from './comparison';
export {
  chunksOf,
  costPerMillionOrders,
  DEPLOYMENTS,
  roundUpTo,
  type BillableUsage,
  type CostBreakdown,
  type Deployment,
} from './cost-model';
export { formatComparison } from './format-comparison';
export { latencyPercentiles, orderLatenciesMs, percentile, type LatencyPercentiles } from './order-latency';
export { runComparison, type RunComparisonOptions } from './run-comparison';
export { VariantNotRunnableError } from '../saga/variant-runnable';
export {
  componentOfStack,
  measureCoupling,
  type ComponentCoupling,
  type Grant,
  type VariantCoupling,
} from './variant-coupling';
export { invocationsOf, measureVariantUsage, type FunctionUsage, type VariantUsage } from './variant-usage';
