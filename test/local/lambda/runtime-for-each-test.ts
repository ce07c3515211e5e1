import { ScaledClock } from '../../../lib/local/clock';
import { LambdaRuntime, type LambdaFunctionConfig, type LambdaRuntimeOptions } from '../../../lib/local/lambda';

/** The endpoint the functions' AWS SDK clients are given (the runtime alone: nothing answers there). */
export const ENDPOINT = 'http://127.0.0.1:4577';

/**
 * Starts a LambdaRuntime in a test of the enclosing `describe` and closes it after that test. Each start gets its own
 * clock, 10 times faster than AWS's unless `defaults` or the start's options give one.
 *
 * @example
 * const start = lambdaRuntimeForEachTest(() => ({ isolation: 'process' }));
 * it('...', async () => { const runtime = start([fixtureFunction('echo', 'handler')]); ... });
 */
export function lambdaRuntimeForEachTest(
  defaults: () => Partial<LambdaRuntimeOptions> = () => ({}),
): (functions: LambdaFunctionConfig[], options?: Partial<LambdaRuntimeOptions>) => LambdaRuntime {
  let runtime: LambdaRuntime | undefined;
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
  });
  return (functions, options = {}) => {
    runtime = new LambdaRuntime({
      functions,
      clock: new ScaledClock({ timeScale: 10 }),
      endpointUrl: ENDPOINT,
      ...defaults(),
      ...options,
    });
    return runtime;
  };
}
