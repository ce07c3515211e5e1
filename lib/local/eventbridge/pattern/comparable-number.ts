import { InvalidEventPatternError } from './invalid-event-pattern-error';

/**
 * EventBridge compares numbers the way aws/event-ruler's ComparableNumber does: only values in
 * -5.0e9..+5.0e9 take part in numeric matching, and they are compared to six digits after the
 * decimal point (the value is shifted by five billion, scaled by a million and truncated).
 */
export const NUMERIC_LIMIT = 5e9;

/** Whether a number can take part in numeric matching at all. */
export function isComparable(value: number): boolean {
  return value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT;
}

/**
 * The integer event-ruler compares for `value` (which must be comparable). Doing the same double
 * arithmetic as the Java code gives the same truncation, so 0.0000001 and 0 compare equal here
 * just as they do on AWS.
 */
export function comparableKey(value: number): number {
  return Math.trunc(1e6 * (NUMERIC_LIMIT + value));
}

/** The key of a number written in a pattern, refusing it with AWS's reason when out of range. */
export function patternComparableKey(value: number): number {
  if (!isComparable(value)) {
    throw new InvalidEventPatternError('Value must be between -5.0E9 and 5.0E9, inclusive');
  }
  return comparableKey(value);
}
