import { comparableKey, isComparable } from './comparable-number';
import { endsWithIgnoreCase, equalsIgnoreCase, ignoreCaseOperand, startsWithIgnoreCase } from './ignore-case';
import { ipKey, ipv4Number, looksLikeIp } from './ip-address';
import type { NumericBound, ValueMatcher } from './pattern-ast';
import { wildcardPredicate } from './wildcard';

/** A test of one scalar leaf value of an event (string, number, boolean or null). */
export type ScalarTest = (value: unknown) => boolean;

/** What a field's value list says about one event value at the field's path. */
export const enum LeafResult {
  /** The field does not match. */
  Fail = 0,
  /** A leaf value matched (or `exists: true` found one). */
  Pass = 1,
  /**
   * The field has no leaf here and the list allows absence (`exists: false`). Under an array
   * the caller must still check that no other element has the field.
   */
  Absent = 2,
}

/**
 * Compiles a field's value list into a function of the raw event value at its path (undefined
 * when the key is missing). Arrays are searched element by element, nested arrays flattened;
 * objects and empty arrays carry no leaf, so for matching they are the same as a missing key.
 */
export function compileLeaf(matchers: readonly ValueMatcher[]): (value: unknown) => LeafResult {
  const existsTrue = matchers.some((m) => m.kind === 'exists' && m.value);
  const absentResult = matchers.some((m) => m.kind === 'exists' && !m.value) ? LeafResult.Absent : LeafResult.Fail;
  const test: ScalarTest = existsTrue ? () => true : compileScalarTest(matchers.filter((m) => m.kind !== 'exists'));

  /** Whether some scalar of the array (at any depth) passes the test. */
  const somePasses = (array: readonly unknown[]): boolean => {
    for (const element of array) {
      if (
        Array.isArray(element)
          ? somePasses(element)
          : (typeof element !== 'object' || element === null) && test(element)
      )
        return true;
    }
    return false;
  };
  const searchArray = (array: readonly unknown[]): LeafResult => {
    if (somePasses(array)) return LeafResult.Pass;
    return innerHasLeaf(array) ? LeafResult.Fail : absentResult;
  };

  return (value) => {
    if (value === undefined) return absentResult;
    if (typeof value !== 'object' || value === null) return test(value) ? LeafResult.Pass : LeafResult.Fail;
    if (Array.isArray(value)) return searchArray(value);
    return absentResult;
  };
}

/** Whether an array holds any scalar, at any depth of nested arrays. */
export function innerHasLeaf(array: readonly unknown[]): boolean {
  for (const element of array) {
    if (Array.isArray(element) ? innerHasLeaf(element) : typeof element !== 'object' || element === null) return true;
  }
  return false;
}

/** Compiles value alternatives (no `exists`) into one scalar test, specialising the common shapes. */
export function compileScalarTest(matchers: readonly ValueMatcher[]): ScalarTest {
  const strings: string[] = [];
  const tests: ScalarTest[] = [];
  for (const matcher of matchers) {
    if (matcher.kind === 'exact' && typeof matcher.value === 'string' && !looksLikeIp(matcher.value)) {
      strings.push(matcher.value);
    } else {
      tests.push(compileOne(matcher));
    }
  }
  if (strings.length > 0) tests.unshift(stringSetTest(strings));
  if (tests.length === 0) return () => false;
  if (tests.length === 1) return tests[0] as ScalarTest;
  if (tests.length === 2) {
    const [a, b] = tests as [ScalarTest, ScalarTest];
    return (value) => a(value) || b(value);
  }
  return (value) => {
    for (const test of tests) if (test(value)) return true;
    return false;
  };
}

function stringSetTest(strings: readonly string[]): ScalarTest {
  if (strings.length === 1) {
    const only = strings[0];
    return (value) => value === only;
  }
  if (strings.length <= 4) {
    return (value) => typeof value === 'string' && strings.includes(value);
  }
  const set = new Set(strings);
  return (value) => typeof value === 'string' && set.has(value);
}

function exactNumberTest(expected: number): ScalarTest {
  if (!isComparable(expected)) return (value) => value === expected;
  const key = comparableKey(expected);
  return (value) =>
    typeof value === 'number' && (value === expected || (isComparable(value) && comparableKey(value) === key));
}

function numericTest(lower: NumericBound | undefined, upper: NumericBound | undefined): ScalarTest {
  const low = lower ? comparableKey(lower.value) : -Infinity;
  const high = upper ? comparableKey(upper.value) : Infinity;
  const lowOpen = lower?.open ?? false;
  const highOpen = upper?.open ?? false;
  return (value) => {
    if (typeof value !== 'number' || !isComparable(value)) return false;
    const key = comparableKey(value);
    return (lowOpen ? key > low : key >= low) && (highOpen ? key < high : key <= high);
  };
}

function compileOne(matcher: ValueMatcher): ScalarTest {
  switch (matcher.kind) {
    case 'exact': {
      const expected = matcher.value;
      if (typeof expected === 'number') return exactNumberTest(expected);
      if (typeof expected === 'string') {
        // event-ruler matches an IP-shaped string as an address, so ::1 equals 0:0:0:0:0:0:0:1.
        const key = ipKey(expected);
        if (key === undefined) return (value) => value === expected;
        return (value) =>
          value === expected || (typeof value === 'string' && looksLikeIp(value) && ipKey(value) === key);
      }
      return (value) => value === expected;
    }
    case 'prefix': {
      const { value: prefix } = matcher;
      if (!matcher.ignoreCase) return (value) => typeof value === 'string' && value.startsWith(prefix);
      const operand = ignoreCaseOperand(prefix);
      return (value) => typeof value === 'string' && startsWithIgnoreCase(value, operand);
    }
    case 'suffix': {
      const { value: suffix } = matcher;
      if (!matcher.ignoreCase) return (value) => typeof value === 'string' && value.endsWith(suffix);
      const operand = ignoreCaseOperand(suffix);
      return (value) => typeof value === 'string' && endsWithIgnoreCase(value, operand);
    }
    case 'equals-ignore-case': {
      const operand = ignoreCaseOperand(matcher.value);
      return (value) => typeof value === 'string' && equalsIgnoreCase(value, operand);
    }
    case 'wildcard': {
      const matches = wildcardPredicate(matcher.segments);
      return (value) => typeof value === 'string' && matches(value);
    }
    case 'numeric':
      return numericTest(matcher.lower, matcher.upper);
    case 'cidr': {
      const { low, high, ipv4 } = matcher.range;
      if (ipv4) {
        const { low: first, high: last } = ipv4;
        return (value) => {
          if (typeof value !== 'string') return false;
          const address = ipv4Number(value);
          return address >= first && address <= last;
        };
      }
      return (value) => {
        if (typeof value !== 'string' || !looksLikeIp(value)) return false;
        const key = ipKey(value);
        return key !== undefined && key.length === low.length && key >= low && key <= high;
      };
    }
    case 'exists':
      return () => matcher.value;
    // The anything-but family matches every leaf the inner operator does not, numbers, booleans
    // and null included: event-ruler compares the quoted form of strings, which they never equal.
    case 'anything-but': {
      if (!matcher.numeric) {
        const excluded = new Set(matcher.values as readonly string[]);
        return (value) => typeof value !== 'string' || !excluded.has(value);
      }
      const keys = new Set((matcher.values as readonly number[]).map(comparableKey));
      return (value) => typeof value !== 'number' || !isComparable(value) || !keys.has(comparableKey(value));
    }
    case 'anything-but-prefix': {
      const prefixes = matcher.values;
      return (value) => typeof value !== 'string' || !prefixes.some((p) => value.startsWith(p));
    }
    case 'anything-but-suffix': {
      const suffixes = matcher.values;
      return (value) => typeof value !== 'string' || !suffixes.some((s) => value.endsWith(s));
    }
    case 'anything-but-ignore-case': {
      const operands = matcher.values.map(ignoreCaseOperand);
      return (value) => typeof value !== 'string' || !operands.some((o) => equalsIgnoreCase(value, o));
    }
    case 'anything-but-wildcard': {
      const predicates = matcher.segments.map(wildcardPredicate);
      return (value) => typeof value !== 'string' || !predicates.some((p) => p(value));
    }
  }
}
