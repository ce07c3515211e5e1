import { formatTable } from '../cli/output/table';
import { formatUsd, type ComparisonReport, type VariantMeasurement } from './comparison';
import { DEPLOYMENTS, type CostBreakdown } from './cost-model';

/** Renders a comparison as the plain-text tables `choreo compare` prints. */
export function formatComparison(report: ComparisonReport): string {
  const variants = report.variants;
  const column = (pick: (variant: VariantMeasurement) => string | number) => variants.map(pick);
  const fixed = (value: number) => Number(value.toFixed(2));
  const measured = formatTable(
    ['per order', ...variants.map((variant) => variant.variant)],
    [
      [
        'orders confirmed / cancelled',
        ...column(
          (v) =>
            `${v.orders.confirmed} / ${v.orders.cancelled}${v.orders.pending ? ` (${v.orders.pending} pending)` : ''}`,
        ),
      ],
      ['events published', ...column((v) => fixed(v.perOrder.eventsPublished))],
      ['SQS messages', ...column((v) => fixed(v.perOrder.sqsMessages))],
      ['SQS requests (send+receive+delete)', ...column((v) => fixed(v.perOrder.sqsRequests))],
      ['Lambda invocations', ...column((v) => fixed(v.perOrder.lambdaInvocations))],
      ['state transitions', ...column((v) => fixed(v.perOrder.stateTransitions))],
      ['mean invocation (ms)', ...column((v) => fixed(v.lambdaMeanMs))],
      ['latency p50 (ms)', ...column((v) => Math.round(v.latencyMs.p50))],
      ['latency p95 (ms)', ...column((v) => Math.round(v.latencyMs.p95))],
      ['latency p99 (ms)', ...column((v) => Math.round(v.latencyMs.p99))],
      ['failures (whole run)', ...column((v) => v.failures.total)],
      ['retries (whole run)', ...column((v) => v.retries.total)],
      ['wall time (s)', ...column((v) => fixed(v.wallMs / 1000))],
    ],
  );
  const costs = report.costPerMillionOrders;
  const line = (pick: (cost: CostBreakdown) => number) =>
    DEPLOYMENTS.map((deployment) => formatUsd(pick(costs[deployment])));
  const cost = formatTable(
    [`USD per 1,000,000 orders (${report.prices.region})`, 'choreography', 'SFN Standard', 'SFN Express'],
    [
      ['EventBridge custom events', ...line((c) => c.eventBridge)],
      ['SQS requests', ...line((c) => c.sqs)],
      ['Lambda requests (arm64)', ...line((c) => c.lambdaRequests)],
      ['Lambda duration (arm64)', ...line((c) => c.lambdaDuration)],
      ['Step Functions', ...line((c) => c.stepFunctions)],
      ['total', ...line((c) => c.total)],
    ],
  );
  const coupling = formatTable(
    ['coupling (from the synthesized app)', 'rules', 'IAM actions granted', 'names other components'],
    report.coupling.flatMap((variant) =>
      variant.components.map((component) => [
        `${variant.variant} · ${component.component}`,
        component.rules.length,
        component.grants.reduce((sum, grant) => sum + grant.actions.length, 0),
        component.knows.length ? component.knows.join(', ') : '—',
      ]),
    ),
  );
  return [
    `${report.orders} orders per variant, seed ${report.seed}, time scale ${report.timeScale}, at most ${report.maxInFlight} in flight`,
    '',
    measured,
    '',
    cost,
    '',
    coupling,
    '',
    ...report.reading,
  ].join('\n');
}
