import { FaultDecider, faultPlan, InvalidFaultPlanError } from '../../lib/chaos';

function decisions(seed: number, count: number): boolean[] {
  // Prepare
  const decider = new FaultDecider(faultPlan({ seed, rate: 0.05 }));
  // Act
  return Array.from({ length: count }, (_, index) => decider.decide('duplicate-delivery', `queue|evt-${index}|1`));
}

describe('fault decisions', () => {
  it('are the same for the same seed and workload', () => {
    expect(decisions(7, 2000)).toEqual(decisions(7, 2000));
  });

  it('differ for another seed', () => {
    expect(decisions(8, 2000)).not.toEqual(decisions(7, 2000));
  });

  it('do not depend on the order in which keys are asked about', () => {
    // Prepare
    const plan = faultPlan({ seed: 7, rate: 0.3 });
    const forward = new FaultDecider(plan);
    const backward = new FaultDecider(plan);
    const keys = Array.from({ length: 200 }, (_, index) => `evt-${index}`);
    // Act
    const inOrder = new Map(keys.map((key) => [key, forward.decide('dual-write-gap', key)]));
    const reversed = new Map([...keys].reverse().map((key) => [key, backward.decide('dual-write-gap', key)]));
    // Assess
    expect(keys.map((key) => reversed.get(key))).toEqual(keys.map((key) => inOrder.get(key)));
  });

  it('give a new answer for each occurrence of the same key', () => {
    // Prepare
    const decider = new FaultDecider(faultPlan({ seed: 7, rate: 0, rates: { 'throttled-put-events': 0.5 } }));
    // Act
    const answers = Array.from({ length: 64 }, () => decider.decide('throttled-put-events', 'evt-1'));
    // Assess
    expect(new Set(answers)).toEqual(new Set([true, false]));
  });

  it.each([0.01, 0.05, 0.2])('inject at the planned rate of %p', (rate) => {
    // Prepare
    const decider = new FaultDecider(faultPlan({ seed: 3, rate }));
    const draws = 20_000;
    // Act
    let injected = 0;
    for (let index = 0; index < draws; index++) if (decider.decide('delayed-delivery', `key-${index}`)) injected++;
    // Assess: within five standard deviations of the binomial
    const sigma = Math.sqrt(draws * rate * (1 - rate));
    expect(Math.abs(injected - draws * rate)).toBeLessThan(5 * sigma);
  });

  it('keep each kind at its own rate when one draw chooses among several', () => {
    // Prepare
    const decider = new FaultDecider(
      faultPlan({
        seed: 5,
        rate: 0,
        rates: { 'error-before-side-effects': 0.1, 'error-after-side-effects': 0.05, 'function-timeout': 0.15 },
      }),
    );
    const counts = new Map<string, number>();
    // Act
    for (let index = 0; index < 20_000; index++) {
      const kind =
        decider.choose(
          ['error-before-side-effects', 'error-after-side-effects', 'function-timeout'],
          `batch-${index}`,
        ) ?? 'none';
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    // Assess
    expect((counts.get('error-before-side-effects') ?? 0) / 20_000).toBeCloseTo(0.1, 1);
    expect((counts.get('error-after-side-effects') ?? 0) / 20_000).toBeCloseTo(0.05, 1);
    expect((counts.get('function-timeout') ?? 0) / 20_000).toBeCloseTo(0.15, 1);
    expect((counts.get('none') ?? 0) / 20_000).toBeCloseTo(0.7, 1);
  });

  it('shuffle a batch the same way for the same seed', () => {
    const shuffled = (seed: number) =>
      new FaultDecider(faultPlan({ seed })).shuffle(['a', 'b', 'c', 'd', 'e', 'f'], 'batch-1');
    expect(shuffled(7)).toEqual(shuffled(7));
    expect([...shuffled(7)].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});

describe('fault plans', () => {
  it('apply the overall rate to every fault not set on its own', () => {
    const plan = faultPlan({ rate: 0.1, rates: { 'function-timeout': 0.02 } });
    expect(plan.rates['duplicate-delivery']).toBe(0.1);
    expect(plan.rates['function-timeout']).toBe(0.02);
  });

  it('fail on a rate above 1, quoting it', () => {
    expect(() => faultPlan({ rates: { 'dual-write-gap': 1.5 } })).toThrow(
      new InvalidFaultPlanError("dual-write-gap rate must be a number from 0 to 1, got '1.5'"),
    );
  });

  it('fail when the invocation faults add up to more than certainty', () => {
    expect(() => faultPlan({ rate: 0.5 })).toThrow(InvalidFaultPlanError);
  });
});
