import { InvalidArgumentError } from 'commander';

/**
 * Commander argument parsers for whole numbers: a bad value becomes commander's own
 * "option ... argument ... is invalid" error, which the program turns into exit code 2.
 */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got '${value}'`);
    }
    return parsed;
  };
}

/** A positive number of seconds (fractions allowed), for timeouts. */
export function positiveSeconds(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) {
    throw new InvalidArgumentError(`expected a number of seconds above 0, got '${value}'`);
  }
  return parsed;
}
