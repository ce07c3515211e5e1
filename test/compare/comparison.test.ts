import { parseAwsPrices } from '../../lib/compare/aws-prices';
import { billableUsageOf, buildComparison, type BuildComparisonInput } from '../../lib/compare/comparison';
import { costPerMillionOrders } from '../../lib/compare/cost-model';
import { formatComparison } from '../../lib/compare/format-comparison';
import measured from '../fixtures/compare/measured-runs.json';
import pricesFixture from '../fixtures/compare/prices.json';

const prices = parseAwsPrices(pricesFixture);
const input: BuildComparisonInput = {
  seed: 1,
  timeScale: 1,
  maxInFlight: 8,
  prices,
  runs: measured.runs as unknown as BuildComparisonInput['runs'],
  coupling: measured.coupling as unknown as BuildComparisonInput['coupling'],
};

describe('comparison report', () => {
  it('gives counts per order and prices choreography from its run and both workflow types from the orchestrated run', () => {
    // Act
    const report = buildComparison(input);

    // Assess
    const [choreography, orchestration] = report.variants;
    expect(choreography?.perOrder).toEqual({
      eventsPublished: 4.7,
      sqsMessages: 5.7,
      sqsRequests: 17.1,
      lambdaInvocations: 1,
      stateTransitions: 0,
    });
    expect(orchestration?.perOrder.stateTransitions).toBeCloseTo(10.7, 9);
    expect(orchestration?.failures.total).toBe(1);
    expect(orchestration?.retries.total).toBe(1);
    const [choreographyRun, orchestrationRun] = input.runs;
    expect(report.costPerMillionOrders.choreography).toEqual(
      costPerMillionOrders(billableUsageOf(choreographyRun!.usage), prices, 'choreography'),
    );
    expect(report.costPerMillionOrders.standard).toEqual(
      costPerMillionOrders(billableUsageOf(orchestrationRun!.usage), prices, 'standard'),
    );
    expect(report.costPerMillionOrders.express).toEqual(
      costPerMillionOrders(billableUsageOf(orchestrationRun!.usage), prices, 'express'),
    );
    expect(report.prices.sources.stepFunctionsStandardPerThousandTransitions).toEqual([
      'https://aws.amazon.com/step-functions/pricing/',
    ]);
  });

  it('reads the numbers in plain language: cheapest first, lower latency, failures, the more coupled design', () => {
    // Act
    const { reading, costPerMillionOrders: costs } = buildComparison(input);

    // Assess
    expect(costs.express.total).toBeLessThan(costs.choreography.total);
    expect(reading[0]).toMatch(
      /^Per million orders, Step Functions Express is cheapest at \$[\d.]+, then choreography .* and Step Functions Standard at \$/,
    );
    expect(reading[1]).toMatch(
      /^Orchestration has the lower median latency on this machine \(p50 120 against 180 ms\) and the lower p99 \(220 against 300 ms\)/,
    );
    expect(reading[2]).toBe('Orchestration saw 1 failure and 1 retry.');
    expect(reading[3]).toMatch(
      /^Choreography spreads the flow over 3 rules in 2 services, none of which names more than 1 other component; .* the workflow, which names 3 components \(bus, orders, payments\)\. Components name one another \d+ times choreographed and \d+ times orchestrated: by this count \w+ is the more coupled\.$/,
    );
  });

  it('derives which variant is the more coupled from the reference counts, not from a fixed sentence', () => {
    // Prepare: the choreographed components name one another more often than the orchestrated ones.
    const swapped = {
      ...input,
      coupling: input.coupling.map((entry) => ({
        ...entry,
        totals: { ...entry.totals, componentReferences: entry.variant === 'choreography' ? 9 : 2 },
      })),
    };

    // Act
    const { reading } = buildComparison(swapped);

    // Assess
    expect(reading.at(-1)).toContain(
      '9 times choreographed and 2 times orchestrated: by this count choreography is the more coupled.',
    );
  });

  it('calls medians within a tenth of each other about the same', () => {
    // Prepare
    const [choreography, orchestration] = input.runs;
    const close = {
      ...input,
      runs: [choreography!, { ...orchestration!, latencyMs: { ...orchestration!.latencyMs, p50: 170, p99: 400 } }],
    };

    // Act
    const { reading } = buildComparison(close);

    // Assess
    expect(reading[1]).toMatch(
      /^Both variants have about the same median latency on this machine \(p50 180 ms choreographed, 170 ms orchestrated; p99 300 and 400 ms\)/,
    );
  });

  it('prints the per-order, cost and coupling tables followed by the reading', () => {
    // Act
    const text = formatComparison(buildComparison(input));

    // Assess
    expect(text).toMatch(/^10 orders per variant, seed 1, time scale 1, at most 8 in flight/);
    expect(text).toMatch(/events published\s+4\.7\s+2\n/);
    expect(text).toMatch(/state transitions\s+0\s+10\.7\n/);
    expect(text).toMatch(/latency p99 \(ms\)\s+300\s+220\n/);
    expect(text).toMatch(/USD per 1,000,000 orders \(us-east-1\)\s+choreography\s+SFN Standard\s+SFN Express/);
    expect(text).toMatch(/orchestration · workflow\s+1\s+0\s+bus, orders, payments/);
    expect(text).toContain('Per million orders,');
  });
});
