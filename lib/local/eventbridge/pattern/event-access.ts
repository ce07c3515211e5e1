/**
 * Reading fields of a parsed event. Keys that exist on Object.prototype (`constructor`,
 * `toString`, `__proto__`...) are read as own properties only, so an event without them does
 * not appear to have them; every other key is a plain property read, the fast path.
 */
export type FieldReader = (object: Record<string, unknown>) => unknown;

// Only ever called as hasOwn.call(object, key).
// eslint-disable-next-line @typescript-eslint/unbound-method
const hasOwn = Object.prototype.hasOwnProperty;

const readers = new Map<string, FieldReader>();
/** Bounds the reader cache for processes that see endless distinct keys. */
const MAX_READERS = 4096;

/**
 * A reader for one key, chosen once when the pattern is compiled. Ordinary keys get a generated
 * function per key (`o["sku"]`), shared by every pattern that reads that key: a closure reading
 * `object[key]` for whatever key it captured would be one keyed load that sees every key and
 * every object shape, hence megamorphic and slow.
 */
export function fieldReader(key: string): FieldReader {
  if (key in Object.prototype || key === '__proto__') {
    return (object) => (hasOwn.call(object, key) ? object[key] : undefined);
  }
  let reader = readers.get(key);
  if (!reader) {
    // JSON.stringify quotes the key, so no key text can escape its string literal.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    reader = new Function('object', `return object[${JSON.stringify(key)}];`) as FieldReader;
    if (readers.size < MAX_READERS) readers.set(key, reader);
  }
  return reader;
}

/** Whether a value is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether the event has a leaf (a scalar, null included) at `path` anywhere, following every
 * element of the arrays on the way: event-ruler answers `exists: false` for the whole event.
 */
export function hasLeafAtPath(root: unknown, path: readonly string[]): boolean {
  let current: unknown[] = [root];
  for (const key of path) {
    const next: unknown[] = [];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (isJsonObject(value) && Object.prototype.hasOwnProperty.call(value, key)) next.push(value[key]);
    };
    current.forEach(visit);
    current = next;
  }
  const isLeaf = (value: unknown): boolean =>
    Array.isArray(value) ? value.some(isLeaf) : typeof value !== 'object' || value === null;
  return current.some((value) => value !== undefined && isLeaf(value));
}
