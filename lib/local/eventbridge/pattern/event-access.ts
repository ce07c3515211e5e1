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
  const isLeaf = (value: unknown): boolean =>
    Array.isArray(value) ? value.some(isLeaf) : typeof value !== 'object' || value === null;
  return valuesAtPath(root, path).some((value) => value !== undefined && isLeaf(value));
}

/** The values at `path`, following every element of the arrays on the way (as event-ruler reads a field). */
export function valuesAtPath(root: unknown, path: readonly string[]): unknown[] {
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
  return current;
}

/** Deeper than this, an event is matched as it is (AWS refuses such events before matching). */
const MAX_EXPANSION_DEPTH = 100;

/**
 * The event with every key that contains a dot read as a path, as EventBridge does: it joins
 * field names with `.` when it matches, so `{"state.status": "on"}` is the same field as
 * `{"state": {"status": "on"}}` (User Guide, event pattern syntax considerations). Returns the
 * event itself, without copying, when no key has a dot (the usual case); the check walks the
 * event without recursion.
 */
export function withDottedKeysExpanded(event: unknown): unknown {
  const pending: unknown[] = [event];
  let dotted = false;
  while (pending.length > 0 && !dotted) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...(value as unknown[]));
    else if (isJsonObject(value)) {
      for (const key of Object.keys(value)) {
        if (key.includes('.')) {
          dotted = true;
          break;
        }
        pending.push(value[key]);
      }
    }
  }
  return dotted ? expand(event, 0) : event;
}

function expand(value: unknown, depth: number): unknown {
  if (depth > MAX_EXPANSION_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => expand(item, depth + 1));
  if (!isJsonObject(value)) return value;
  const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    const segments = key.split('.');
    let target = result;
    for (const segment of segments.slice(0, -1)) {
      const existing = target[segment];
      if (!isJsonObject(existing)) target[segment] = Object.create(null) as Record<string, unknown>;
      target = target[segment] as Record<string, unknown>;
    }
    const leaf = segments[segments.length - 1] as string;
    const expanded = expand(value[key], depth + 1);
    const existing = target[leaf];
    if (existing === undefined) target[leaf] = expanded;
    else if (isJsonObject(existing) && isJsonObject(expanded)) Object.assign(existing, expanded);
    else target[leaf] = [existing, expanded];
  }
  return result;
}
