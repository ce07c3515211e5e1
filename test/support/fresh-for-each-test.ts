import { testScopedProxy } from './test-scoped-proxy';

/**
 * A resource started before each test of the enclosing `describe` and stopped after it, used
 * through the returned object as if it were the resource itself (it forwards to the one the
 * running test got), so that every test starts from a clean local service.
 *
 * @example const harness = freshForEachTest(startBridgeHarness);
 */
export function freshForEachTest<T extends { stop(): unknown }>(start: () => Promise<T>): T {
  let current: T | undefined;
  beforeEach(async () => {
    current = await start();
  });
  afterEach(async () => {
    const running = current;
    current = undefined;
    await running?.stop();
  });
  return testScopedProxy(() => current);
}
