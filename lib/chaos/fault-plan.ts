import { FAULT_KINDS, type FaultKind } from './fault-kind';
import { ClassifiedError } from '../errors/classified-error';

/**
 * What a chaos run injects, and how often. Rates are probabilities per opportunity: per received
 * record (duplicate, delay), per received batch (reorder), per invocation (errors, timeouts), per
 * PutEvents entry from a function (throttle) and per PutEvents call from a function (dual-write
 * gap); for state machines, per execution start (duplicate, reorder, delay), per Task attempt
 * (errors, timeouts, duplicate invocation) and per PutEvents Task attempt (throttle, gap). The
 * same plan on the same workload injects the same faults, as far as concurrency allows: every
 * decision is a hash of the seed and of what it is about (the saga event id, the attempt),
 * not a draw from a shared stream whose order depends on scheduling.
 */
export interface FaultPlan {
  readonly seed: number;
  readonly rates: Readonly<Record<FaultKind, number>>;
  /**
   * Receives of a record that attempt-failing faults always leave alone: with SQS's
   * maxReceiveCount of 5 and 2 spare, at most 3 injected failures hit one record, so a chaos run
   * tests recovery rather than the redrive policy's arithmetic. 0 lets chaos exhaust retries
   * (the records then end in the DLQ, explained by the injected faults).
   * @default 2
   */
  readonly spareAttempts: number;
  /** Shortest and longest hold of a delayed record, AWS ms. @default [1000, 10000] */
  readonly delayMs: readonly [number, number];
  /** Longest wait before a duplicate is delivered, AWS ms. @default 2000 */
  readonly duplicateDelayMs: number;
  /**
   * Attempts the SDK makes for one call (its standard retry mode: 3): a dual-write gap fails the
   * call and its SDK retries, so the handler sees the call fail.
   * @default 3
   */
  readonly sdkAttemptsPerCall: number;
}

/** A fault plan that cannot be used; says which value is wrong. */
export class InvalidFaultPlanError extends ClassifiedError {
  override readonly name = 'InvalidFaultPlanError';
  readonly kind = 'validation';
}

export interface FaultPlanInput {
  /** @default 1 */
  readonly seed?: number;
  /** The rate of every fault not given in `rates`. @default 0.05 */
  readonly rate?: number;
  readonly rates?: Readonly<Partial<Record<FaultKind, number>>>;
  readonly spareAttempts?: number;
  readonly delayMs?: readonly [number, number];
  readonly duplicateDelayMs?: number;
  readonly sdkAttemptsPerCall?: number;
}

/** The default rate of each fault: 5 %. */
export const DEFAULT_FAULT_RATE = 0.05;

/**
 * A validated fault plan: `rate` for every fault, overridden per kind by `rates`.
 *
 * @example faultPlan({ seed: 7, rate: 0.05, rates: { 'function-timeout': 0.01 } })
 */
export function faultPlan(input: FaultPlanInput = {}): FaultPlan {
  const seed = input.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new InvalidFaultPlanError(`seed must be a whole number of at least 0, got '${seed}'`);
  const rate = checkRate('rate', input.rate ?? DEFAULT_FAULT_RATE);
  const rates = Object.fromEntries(
    FAULT_KINDS.map((kind) => [kind, checkRate(`${kind} rate`, input.rates?.[kind] ?? rate)]),
  ) as Record<FaultKind, number>;
  const failing = rates['error-before-side-effects'] + rates['error-after-side-effects'] + rates['function-timeout'];
  if (failing > 1) {
    throw new InvalidFaultPlanError(`the invocation fault rates must add up to at most 1, got '${failing}'`);
  }
  const spareAttempts = input.spareAttempts ?? 2;
  if (!Number.isInteger(spareAttempts) || spareAttempts < 0) {
    throw new InvalidFaultPlanError(`spare attempts must be a whole number of at least 0, got '${spareAttempts}'`);
  }
  const delayMs = input.delayMs ?? [1000, 10_000];
  if (!(delayMs[0] >= 0 && delayMs[1] >= delayMs[0])) {
    throw new InvalidFaultPlanError(
      `delay must be a range [min, max] with 0 <= min <= max, got '${delayMs.join(', ')}'`,
    );
  }
  const duplicateDelayMs = input.duplicateDelayMs ?? 2000;
  if (!(duplicateDelayMs >= 0))
    throw new InvalidFaultPlanError(`duplicate delay must be at least 0 ms, got '${duplicateDelayMs}'`);
  const sdkAttemptsPerCall = input.sdkAttemptsPerCall ?? 3;
  if (!Number.isInteger(sdkAttemptsPerCall) || sdkAttemptsPerCall < 1) {
    throw new InvalidFaultPlanError(
      `sdk attempts per call must be a whole number of at least 1, got '${sdkAttemptsPerCall}'`,
    );
  }
  return { seed, rates, spareAttempts, delayMs, duplicateDelayMs, sdkAttemptsPerCall };
}

function checkRate(what: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new InvalidFaultPlanError(`${what} must be a number from 0 to 1, got '${value}'`);
  }
  return value;
}
