import type { Variant } from '../contracts';
import type { AwsPrices } from './aws-prices';
import { costPerMillionOrders, type BillableUsage, type CostBreakdown, type Deployment } from './cost-model';
import type { LatencyPercentiles } from './order-latency';
import type { VariantCoupling } from './variant-coupling';
import { invocationsOf, type VariantUsage } from './variant-usage';

/** One variant's measured run, per order where it says so. */
export interface VariantMeasurement {
  readonly variant: Variant;
  readonly orders: {
    readonly placed: number;
    readonly confirmed: number;
    readonly cancelled: number;
    readonly pending: number;
  };
  readonly perOrder: {
    readonly eventsPublished: number;
    /** Messages sent to the variant's queues. */
    readonly sqsMessages: number;
    /** Sends, receives and deletes: what SQS bills. */
    readonly sqsRequests: number;
    readonly lambdaInvocations: number;
    readonly stateTransitions: number;
  };
  /** Mean wall milliseconds of one invocation. */
  readonly lambdaMeanMs: number;
  /** OrderPlaced put → OrderConfirmed/OrderCancelled put, wall ms. */
  readonly latencyMs: LatencyPercentiles;
  readonly failures: VariantUsage['failures'] & { readonly total: number };
  readonly retries: VariantUsage['retries'] & { readonly total: number };
  /** Wall milliseconds from the first publish until the cloud was quiet. */
  readonly wallMs: number;
}

/**
 * What `choreo compare --json` prints. Counts are per order; costs are USD per 1,000,000 orders
 * (`choreography` from the choreographed run, `standard` and `express` from the orchestrated
 * run billed as either workflow type); latencies are wall milliseconds on this machine.
 */
export interface ComparisonReport {
  readonly orders: number;
  readonly seed: number;
  readonly timeScale: number;
  readonly maxInFlight: number;
  readonly variants: readonly VariantMeasurement[];
  readonly costPerMillionOrders: Readonly<Record<Deployment, CostBreakdown>>;
  readonly coupling: readonly VariantCoupling[];
  readonly prices: {
    readonly region: string;
    readonly currency: string;
    readonly usd: Readonly<Record<string, number>>;
    readonly sources: Readonly<Record<string, readonly string[]>>;
    readonly retrievedAt: Readonly<Record<string, string>>;
  };
  /** A few sentences for people, derived from the numbers above. */
  readonly reading: readonly string[];
}

export interface BuildComparisonInput {
  readonly seed: number;
  readonly timeScale: number;
  readonly maxInFlight: number;
  readonly prices: AwsPrices;
  readonly runs: readonly {
    readonly usage: VariantUsage;
    readonly latencyMs: LatencyPercentiles;
    readonly outcomes: VariantMeasurement['orders'];
    readonly wallMs: number;
  }[];
  readonly coupling: readonly VariantCoupling[];
}

/** SQS message bodies are the EventBridge envelope around the detail: a few hundred bytes more. */
const ENVELOPE_BYTES = 512;

/** The billable quantities of a measured run. */
export function billableUsageOf(usage: VariantUsage): BillableUsage {
  return {
    orders: usage.orders,
    eventsPublished: usage.eventsPublished,
    eventPayloadBytes: usage.eventPayloadBytes,
    sqsRequests: usage.sqs.sent + usage.sqs.received + usage.sqs.deleted,
    sqsPayloadBytes: usage.eventPayloadBytes + ENVELOPE_BYTES,
    functions: usage.functions,
    stateTransitions: usage.stateTransitions,
    executionDurationsMs: usage.executionDurationsMs,
  };
}

/** Assembles the report: per-order figures, modelled costs, coupling and the reading. */
export function buildComparison(input: BuildComparisonInput): ComparisonReport {
  const variants = input.runs.map((run) => measurementOf(run));
  const usageOf = (variant: Variant) => {
    const run = input.runs.find((candidate) => candidate.usage.variant === variant);
    if (!run) throw new RangeError(`the comparison needs a '${variant}' run`);
    return billableUsageOf(run.usage);
  };
  const costs: Record<Deployment, CostBreakdown> = {
    choreography: costPerMillionOrders(usageOf('choreography'), input.prices, 'choreography'),
    standard: costPerMillionOrders(usageOf('orchestration'), input.prices, 'standard'),
    express: costPerMillionOrders(usageOf('orchestration'), input.prices, 'express'),
  };
  const priceEntries = Object.entries(input.prices.prices);
  const orders = variants[0]?.orders.placed ?? 0;
  return {
    orders,
    seed: input.seed,
    timeScale: input.timeScale,
    maxInFlight: input.maxInFlight,
    variants,
    costPerMillionOrders: costs,
    coupling: input.coupling,
    prices: {
      region: input.prices.region,
      currency: input.prices.currency,
      usd: Object.fromEntries(priceEntries.map(([name, price]) => [name, price.usd])),
      sources: Object.fromEntries(priceEntries.map(([name, price]) => [name, price.sources])),
      retrievedAt: Object.fromEntries(priceEntries.map(([name, price]) => [name, price.retrievedAt])),
    },
    reading: readingOf(variants, costs, input.coupling),
  };
}

function measurementOf(run: BuildComparisonInput['runs'][number]): VariantMeasurement {
  const { usage } = run;
  const perOrder = (count: number) => (usage.orders > 0 ? count / usage.orders : 0);
  const invocations = invocationsOf(usage);
  const totalMs = usage.functions.reduce((sum, fn) => sum + fn.durationsMs.reduce((a, b) => a + b, 0), 0);
  const failures = usage.failures;
  const retries = usage.retries;
  return {
    variant: usage.variant,
    orders: run.outcomes,
    perOrder: {
      eventsPublished: perOrder(usage.eventsPublished),
      sqsMessages: perOrder(usage.sqs.sent),
      sqsRequests: perOrder(usage.sqs.sent + usage.sqs.received + usage.sqs.deleted),
      lambdaInvocations: perOrder(invocations),
      stateTransitions: perOrder(usage.stateTransitions),
    },
    lambdaMeanMs: invocations > 0 ? totalMs / invocations : 0,
    latencyMs: run.latencyMs,
    failures: {
      ...failures,
      total:
        failures.invocationErrors +
        failures.invocationTimeouts +
        failures.deadLetters +
        failures.failedExecutions +
        failures.targetFailures,
    },
    retries: { ...retries, total: retries.redeliveries + retries.taskRetries + retries.targetRetries },
    wallMs: run.wallMs,
  };
}

const DEPLOYMENT_NAMES: Readonly<Record<Deployment, string>> = {
  choreography: 'choreography (EventBridge + SQS + Lambda)',
  standard: 'Step Functions Standard',
  express: 'Step Functions Express',
};

/** Formats USD with enough digits to tell small amounts apart. */
export function formatUsd(amount: number): string {
  return `$${amount >= 100 ? amount.toFixed(0) : amount >= 1 ? amount.toFixed(2) : amount.toFixed(4)}`;
}

/** Plain-language sentences derived from the measurements. */
export function readingOf(
  variants: readonly VariantMeasurement[],
  costs: Readonly<Record<Deployment, CostBreakdown>>,
  coupling: readonly VariantCoupling[],
): string[] {
  const reading: string[] = [];
  const ranked = (Object.entries(costs) as [Deployment, CostBreakdown][]).sort(([, a], [, b]) => a.total - b.total);
  const [cheapest, middle, dearest] = ranked;
  if (cheapest && middle && dearest) {
    const stepShare = costs.standard.total > 0 ? costs.standard.stepFunctions / costs.standard.total : 0;
    reading.push(
      `Per million orders, ${DEPLOYMENT_NAMES[cheapest[0]]} is cheapest at ${formatUsd(cheapest[1].total)}, then ` +
        `${DEPLOYMENT_NAMES[middle[0]]} at ${formatUsd(middle[1].total)} and ${DEPLOYMENT_NAMES[dearest[0]]} at ` +
        `${formatUsd(dearest[1].total)}; state transitions are ${Math.round(stepShare * 100)}% of the Standard bill.`,
    );
  }
  const choreography = variants.find((variant) => variant.variant === 'choreography');
  const orchestration = variants.find((variant) => variant.variant === 'orchestration');
  if (choreography && orchestration) {
    const [faster, slower] =
      choreography.latencyMs.p50 <= orchestration.latencyMs.p50
        ? [choreography, orchestration]
        : [orchestration, choreography];
    const p50 = (variant: VariantMeasurement) => Math.round(variant.latencyMs.p50);
    const p99 = (variant: VariantMeasurement) => Math.round(variant.latencyMs.p99);
    // Within a tenth of each other, the medians differ by less than this machine's run-to-run noise.
    const close = slower.latencyMs.p50 - faster.latencyMs.p50 <= 0.1 * slower.latencyMs.p50;
    const median = close
      ? `Both variants have about the same median latency on this machine (p50 ${p50(choreography)} ms choreographed, ` +
        `${p50(orchestration)} ms orchestrated; p99 ${p99(choreography)} and ${p99(orchestration)} ms). `
      : `${capitalize(faster.variant)} has the lower median latency on this machine (p50 ${p50(faster)} against ${p50(slower)} ms) ` +
        `${faster.latencyMs.p99 <= slower.latencyMs.p99 ? 'and the lower' : 'but the higher'} p99 (${p99(faster)} against ${p99(slower)} ms). `;
    reading.push(
      median +
        `Choreography moves each order through ${round1(choreography.perOrder.eventsPublished)} events, ` +
        `${round1(choreography.perOrder.sqsMessages)} queue messages and ${round1(choreography.perOrder.lambdaInvocations)} invocations; ` +
        `orchestration through ${round1(orchestration.perOrder.stateTransitions)} state transitions and ` +
        `${round1(orchestration.perOrder.lambdaInvocations)} invocations.`,
    );
    const failing = [choreography, orchestration].filter(
      (variant) => variant.failures.total + variant.retries.total > 0,
    );
    reading.push(
      failing.length === 0
        ? 'Neither variant failed or retried anything in this run.'
        : failing
            .map(
              (variant) =>
                `${capitalize(variant.variant)} saw ${plural(variant.failures.total, 'failure')} and ${plural(variant.retries.total, 'retry', 'retries')}.`,
            )
            .join(' '),
    );
  }
  const choreographyCoupling = coupling.find((entry) => entry.variant === 'choreography');
  const orchestrationCoupling = coupling.find((entry) => entry.variant === 'orchestration');
  if (choreographyCoupling && orchestrationCoupling) {
    const hub = [...orchestrationCoupling.components].sort((a, b) => b.knows.length - a.knows.length)[0];
    const services = choreographyCoupling.components.filter(
      (component) => component.rules.length > 0 && component.component !== 'bus',
    );
    const widest = Math.max(0, ...choreographyCoupling.components.map((component) => component.knows.length));
    const references = {
      choreography: choreographyCoupling.totals.componentReferences,
      orchestration: orchestrationCoupling.totals.componentReferences,
    };
    // The conclusion follows the counts: the variant whose components name more of the others is
    // the more coupled one here, whichever it is.
    const verdict =
      references.choreography === references.orchestration
        ? 'by this count the two are equally coupled'
        : `by this count ${references.choreography > references.orchestration ? 'choreography' : 'orchestration'} is the more coupled`;
    reading.push(
      `Choreography spreads the flow over ${services.reduce((sum, c) => sum + c.rules.length, 0)} rules in ${services.length} services, ` +
        `none of which names more than ${plural(widest, 'other component')}; ` +
        (hub
          ? `orchestration concentrates it in the ${hub.component}, which names ${plural(hub.knows.length, 'component')} (${hub.knows.join(', ')}). `
          : 'orchestration has no workflow in this app. ') +
        `Components name one another ${references.choreography} times choreographed and ${references.orchestration} times orchestrated: ${verdict}.`,
    );
  }
  return reading;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function round1(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
