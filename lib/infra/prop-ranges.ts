import type { Duration } from 'aws-cdk-lib';
import { InvalidInfraConfigError } from './infra-errors';

/** A number prop and the whole numbers AWS accepts for it. */
export interface WholeNumberRange {
  readonly name: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
}

/** Throws unless every value is a whole number in its range; names the first one that is not. */
export function checkWholeNumbers(ranges: readonly WholeNumberRange[]): void {
  for (const { name, value, min, max } of ranges) {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new InvalidInfraConfigError(`${name} must be a whole number from ${min} to ${max}, got '${value}'`);
    }
  }
}

/** The duration in whole seconds, checked against [min, max]: AWS takes these durations in seconds. */
export function wholeSecondsOf(name: string, duration: Duration, min: number, max: number): number {
  const milliseconds = duration.toMilliseconds();
  if (milliseconds % 1000 !== 0 || milliseconds / 1000 < min || milliseconds / 1000 > max) {
    throw new InvalidInfraConfigError(
      `${name} must be whole seconds from ${min} to ${max}, got '${duration.toHumanString()}'`,
    );
  }
  return milliseconds / 1000;
}
