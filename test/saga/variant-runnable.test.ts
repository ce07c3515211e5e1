import type { AppModel } from '../../lib/local/assembly';
import { assertVariantRunnable, VariantNotRunnableError } from '../../lib/saga/variant-runnable';

type RunnableParts = Pick<AppModel, 'buses' | 'stateMachines'>;

const appWith = (busNames: readonly string[], stateMachines: number): RunnableParts =>
  ({
    buses: busNames.map((name) => ({ name })),
    stateMachines: Array.from({ length: stateMachines }, (_, index) => ({ name: `machine-${index}` })),
  }) as unknown as RunnableParts;

describe('assertVariantRunnable', () => {
  it.each([
    ['choreography', appWith(['shop-choreography'], 0)],
    ['orchestration', appWith(['shop-orchestration'], 1)],
  ] as const)('accepts an app that holds the %s bus (and a state machine where it needs one)', (variant, app) => {
    expect(() => assertVariantRunnable(app, variant)).not.toThrow();
  });

  it('refuses a variant whose bus the app does not hold, naming the bus', () => {
    const refusal = () => assertVariantRunnable(appWith(['shop-choreography'], 1), 'orchestration');

    expect(refusal).toThrow(VariantNotRunnableError);
    expect(refusal).toThrow("no bus 'shop-orchestration'");
  });

  it('refuses orchestration when the app has its bus but no state machine', () => {
    const refusal = () => assertVariantRunnable(appWith(['shop-orchestration'], 0), 'orchestration');

    expect(refusal).toThrow('the app has no state machine');
  });

  it('says retrying cannot help (kind validation)', () => {
    expect(new VariantNotRunnableError('x').retryable).toBe(false);
  });
});
