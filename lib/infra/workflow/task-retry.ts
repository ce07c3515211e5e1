import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { TASK_ERROR_NAMES } from '../../../functions/shared/task-errors';

/**
 * Errors a Lambda Task retries: Lambda's own transient failures, a function that timed out or
 * whose Task timed out (every task is idempotent, so running it again is safe), and the one
 * name the task adapters give every retryable failure of their own (TransientTaskError: a
 * throttled table, a lost optimistic-lock race, a record not written yet).
 *
 * Not retried: InvalidTaskInputError, MissingTaskOutcomeError and EventValidationError, which
 * the same input raises every time.
 */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'Sandbox.Timedout',
  sfn.Errors.TIMEOUT,
  TASK_ERROR_NAMES.transient,
] as const;

/**
 * Errors the EventBridge PutEvents Task retries: an entry EventBridge did not accept (the
 * integration's `EventBridge.FailedEntry`), throttling and internal errors. The entry's
 * `metadata.eventId` is deterministic, so a repeated entry is one consumers recognise.
 */
export const PUT_EVENTS_TRANSIENT_ERRORS = [
  'EventBridge.FailedEntry',
  'EventBridge.InternalException',
  'EventBridge.ThrottlingException',
  sfn.Errors.TIMEOUT,
] as const;

/** Errors that mean a step did not answer in time: when its retries run out, the saga's deadline has passed. */
export const STEP_TIMEOUT_ERRORS = [sfn.Errors.TIMEOUT, 'Sandbox.Timedout'] as const;

/**
 * The retry of a compensating Task: a compensation must finish, or money and stock stay taken,
 * so it keeps trying for about half an hour of back-off (99 attempts, at most 20 s apart) before
 * the execution gives up in CompensationFailed.
 */
export const COMPENSATION_RETRY_POLICY: TaskRetryPolicy = { maxAttempts: 99 };

/** How a Task is retried: exponential back-off with full jitter, bounded in attempts and delay. */
export interface TaskRetryPolicy {
  /** @default Duration.seconds(1) */
  readonly interval?: Duration;
  /** @default 2 */
  readonly backoffRate?: number;
  /** @default 5 */
  readonly maxAttempts?: number;
  /** @default Duration.seconds(20) */
  readonly maxDelay?: Duration;
}

/** The Retry props for `errors` under `policy`. */
export function taskRetry(errors: readonly string[], policy: TaskRetryPolicy = {}): sfn.RetryProps {
  return {
    errors: [...errors],
    interval: policy.interval ?? Duration.seconds(1),
    backoffRate: policy.backoffRate ?? 2,
    maxAttempts: policy.maxAttempts ?? 5,
    maxDelay: policy.maxDelay ?? Duration.seconds(20),
    // Full jitter spreads the retries of many executions hitting the same throttled table.
    jitterStrategy: sfn.JitterType.FULL,
  };
}
