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
  return new Proxy({} as T, {
    get(_target, property) {
      if (current === undefined) throw new Error('a per-test resource was used outside a test');
      const value: unknown = Reflect.get(current, property, current);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
}
