import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FidelityService } from './fidelity-harness';

/**
 * One step of a fidelity case: a wire call (with what AWS answers to it), or AWS time passing,
 * or waiting for EventBridge deliveries to finish.
 */
export type FidelityStep =
  | {
      readonly call: string;
      /** @default - the file's service */
      readonly service?: FidelityService;
      readonly input: unknown;
      /** @default - succeeds (HTTP 200) */
      readonly expect?: FidelityExpectation;
      /** Variables to keep from the output: name → dot path (`Messages.0.ReceiptHandle`). */
      readonly save?: Readonly<Record<string, string>>;
    }
  | { readonly advanceSeconds: number }
  | { readonly settle: true };

/** What AWS answers: an output (matched as a subset) or an error. */
export interface FidelityExpectation {
  /** @default 200, or 400 with `error` */
  readonly status?: number;
  readonly output?: unknown;
  /** The error shape: `__type` after its namespace (`#`). */
  readonly error?: string;
  /** The code the query-compatible SDKs read from `x-amzn-query-error` (SQS). */
  readonly queryError?: string;
  /** The exact message. */
  readonly message?: string;
  /** A regular expression the message must match, where AWS's wording carries ids. */
  readonly messagePattern?: string;
}

/** One behaviour, with the AWS source it follows. */
export interface FidelityCase {
  readonly name: string;
  /** The AWS API reference section, or the AWS-validated recording, the expectation comes from. */
  readonly source: string;
  readonly steps: readonly FidelityStep[];
}

/** A fixture file: the cases of one operation of one service. */
export interface FidelityFixture {
  readonly service: FidelityService;
  readonly operation: string;
  /** Steps run at the start of every case (creating its queue, bus, table). */
  readonly background?: readonly FidelityStep[];
  readonly cases: readonly FidelityCase[];
}

/** Every fixture under `root`, as `<service>/<operation>.json`, in a stable order. */
export function loadFidelityFixtures(root: string): { readonly file: string; readonly fixture: FidelityFixture }[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((service) =>
      readdirSync(join(root, service))
        .filter((file) => file.endsWith('.json'))
        .sort()
        .map((file) => ({
          file: `${service}/${file}`,
          fixture: JSON.parse(readFileSync(join(root, service, file), 'utf8')) as FidelityFixture,
        })),
    );
}

/**
 * `${name}` replaced by saved variables in every string; a string that is only `${name}` takes
 * the variable's value whatever its type. `{"$repeat": [text, count]}` becomes a long string.
 */
export function substitute(value: unknown, variables: ReadonlyMap<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([\w.-]+)\}$/.exec(value);
    if (whole && variables.has(whole[1] as string)) return variables.get(whole[1] as string);
    return value.replace(/\$\{([\w.-]+)\}/g, (text, name: string) =>
      variables.has(name) ? String(variables.get(name)) : text,
    );
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, variables));
  if (typeof value === 'object' && value !== null) {
    const repeat = (value as { $repeat?: unknown }).$repeat;
    if (Array.isArray(repeat)) return String(repeat[0]).repeat(Number(repeat[1]));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, variables)]));
  }
  return value;
}

/** The value at a dot path (`Messages.0.Body`), or undefined. */
export function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, step)) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/**
 * Where `actual` departs from `expected`, or undefined when it does not. Objects match as a
 * subset (keys the case does not name are ignored); arrays match element by element with the
 * same length. Markers: `"$any"` (present), `"$absent"` (missing), `{"$json": x}` (a JSON string
 * whose value matches x), `{"$length": n}` (an array or string of that length).
 */
export function mismatch(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (expected === '$any') return actual === undefined ? `${path} is missing` : undefined;
  if (expected === '$absent') return actual === undefined ? undefined : `${path} should be absent`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path} should be an array, got ${JSON.stringify(actual)}`;
    if (actual.length !== expected.length) return `${path} has ${actual.length} items, expected ${expected.length}`;
    for (const [index, item] of expected.entries()) {
      const found = mismatch(item, actual[index], `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (Object.hasOwn(expected, '$json')) {
      if (typeof actual !== 'string') return `${path} should be a JSON string`;
      return mismatch((expected as { $json: unknown }).$json, JSON.parse(actual) as unknown, `${path}<json>`);
    }
    if (Object.hasOwn(expected, '$length')) {
      const length = Array.isArray(actual) || typeof actual === 'string' ? actual.length : undefined;
      return length === (expected as { $length: number }).$length
        ? undefined
        : `${path} has length ${String(length)}, expected ${(expected as { $length: number }).$length}`;
    }
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      return `${path} should be an object, got ${JSON.stringify(actual)}`;
    }
    for (const [key, item] of Object.entries(expected)) {
      const found = mismatch(
        item,
        Object.hasOwn(actual, key) ? (actual as Record<string, unknown>)[key] : undefined,
        `${path}.${key}`,
      );
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(expected, actual)
    ? undefined
    : `${path} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}
