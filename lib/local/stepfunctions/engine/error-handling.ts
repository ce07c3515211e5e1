import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { evaluateJsonataTemplate } from './query/jsonata-query';
import { applyResultPath, jsonPathAssignOf, jsonataAssignOf } from './state-io';
import { queryOf, type StateRun } from './state-run';
import type { StatesError } from './states-error';

/**
 * Retry and Catch as the developer guide's "Handling errors in Step Functions workflows"
 * defines them: retriers and catchers are tried in order, the first whose ErrorEquals matches
 * applies; `States.ALL` matches every error but States.Runtime (and States.DataLimitExceeded);
 * `States.TaskFailed` matches every error but States.Timeout.
 */
export function errorMatches(errorEquals: JsonValue | undefined, error: StatesError): boolean {
  if (!Array.isArray(errorEquals)) return false;
  if (error.isFatal) return false;
  return errorEquals.some(
    (name) =>
      name === error.error ||
      name === 'States.ALL' ||
      (name === 'States.TaskFailed' && error.error !== 'States.Timeout'),
  );
}

/** The retry state of one state visit: how many times each retrier has retried. */
export class RetryCounter {
  private readonly attempts: number[] = [];
  private total = 0;

  constructor(private readonly retriers: readonly JsonObject[]) {}

  /** How many retries so far (`$$.State.RetryCount`). */
  get retryCount(): number {
    return this.total;
  }

  /**
   * The pause before the next attempt in AWS ms, or undefined when the error is not retried:
   * `IntervalSeconds × BackoffRate^n` (defaults 1 s and 2.0), capped by `MaxDelaySeconds`,
   * with `JitterStrategy: FULL` a uniform pick below it; `MaxAttempts` (default 3, 0 = never).
   * A matching retrier that is exhausted ends the search (the next one is not tried).
   */
  nextDelayMs(error: StatesError, random: () => number): number | undefined {
    const retry = nextRetryOf(this.retriers, error, (index) => this.attempts[index] ?? 0);
    if (!retry) return undefined;
    this.attempts[retry.retryIndex] = (this.attempts[retry.retryIndex] ?? 0) + 1;
    this.total += 1;
    const retrier = this.retriers[retry.retryIndex] as JsonObject;
    const delaySeconds =
      retrier.JitterStrategy === 'FULL' ? random() * retry.backoffIntervalSeconds : retry.backoffIntervalSeconds;
    return Math.round(delaySeconds * 1000);
  }
}

/** The retrier that applies to an error and the back-off before its next attempt (no jitter). */
export interface NextRetry {
  readonly retryIndex: number;
  readonly backoffIntervalSeconds: number;
}

/**
 * Which retrier retries an error, given how many retries each has made: the first whose
 * ErrorEquals matches, unless it has made its `MaxAttempts` (default 3); its back-off is
 * `IntervalSeconds × BackoffRate^n` (defaults 1 s and 2.0), capped by `MaxDelaySeconds`.
 */
export function nextRetryOf(
  retriers: readonly JsonObject[],
  error: StatesError,
  retriesDone: (retryIndex: number) => number,
): NextRetry | undefined {
  const retryIndex = retriers.findIndex((retrier) => errorMatches(retrier.ErrorEquals, error));
  if (retryIndex < 0) return undefined;
  const retrier = retriers[retryIndex] as JsonObject;
  const done = retriesDone(retryIndex);
  const maxAttempts = typeof retrier.MaxAttempts === 'number' ? retrier.MaxAttempts : 3;
  if (done >= maxAttempts) return undefined;
  const interval = typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1;
  const backoff = typeof retrier.BackoffRate === 'number' ? retrier.BackoffRate : 2;
  const backoffIntervalSeconds = interval * backoff ** done;
  return {
    retryIndex,
    backoffIntervalSeconds:
      typeof retrier.MaxDelaySeconds === 'number'
        ? Math.min(backoffIntervalSeconds, retrier.MaxDelaySeconds)
        : backoffIntervalSeconds,
  };
}

/** A catcher that applies: where to go and the output (and variables) it hands over. */
export interface Caught {
  readonly next: string;
  readonly output: JsonValue;
  readonly assigned?: Readonly<Record<string, JsonValue>>;
  /** Which catcher applied (TestState's errorDetails.catchIndex). */
  readonly catchIndex: number;
}

/** Applies the first matching catcher of the state, if any. */
export async function catchError(run: StateRun, error: StatesError): Promise<Caught | undefined> {
  const catchers = Array.isArray(run.state.Catch) ? run.state.Catch.filter(isJsonObject) : [];
  const catchIndex = catchers.findIndex((candidate) => errorMatches(candidate.ErrorEquals, error));
  const catcher = catchers[catchIndex];
  if (!catcher || typeof catcher.Next !== 'string') return undefined;
  const errorOutput: JsonObject = { Error: error.error, Cause: error.cause };
  if (run.language === 'JSONata') {
    const output =
      catcher.Output !== undefined
        ? await evaluateJsonataTemplate(catcher.Output, 'Output', queryOf(run, run.input, { errorOutput }))
        : errorOutput;
    const assigned = await jsonataAssignOf(run, { errorOutput }, catcher.Assign);
    return { next: catcher.Next, output, catchIndex, ...(assigned ? { assigned } : {}) };
  }
  const assigned = jsonPathAssignOf(run, errorOutput, { errorOutput }, catcher.Assign);
  const output = applyResultPath(run, catcher.ResultPath, run.input, errorOutput);
  return { next: catcher.Next, output, catchIndex, ...(assigned ? { assigned } : {}) };
}
