/**
 * An object that stands for a resource which exists only while tests run (created in a
 * `beforeAll`/`beforeEach`, gone after): reading a member forwards to the current resource, so a
 * `describe` can name it once at its top.
 */
export function testScopedProxy<T extends object>(current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_target, property) {
      const resource = current();
      if (resource === undefined) throw new Error('a per-test resource was used outside a test');
      const value: unknown = Reflect.get(resource, property, resource);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(resource) : value;
    },
  });
}
