import {
  InvalidScheduleExpressionError,
  parseScheduleExpression,
  type ScheduleExpression,
} from '../eventbridge/schedule-expression';
import { isKnownTimeZone } from '../eventbridge/schedule-zoned-time';
import { SchedulerValidationError } from './scheduler-errors';
import type { ScheduleTarget } from './schedule-target';

/** CreateSchedule / UpdateSchedule input, dates in ms since the epoch. */
export interface ScheduleInput {
  readonly Name: string;
  /** @default 'default' */
  readonly GroupName?: string;
  readonly ScheduleExpression: string;
  /** @default 'UTC' */
  readonly ScheduleExpressionTimezone?: string;
  readonly StartDate?: number;
  readonly EndDate?: number;
  readonly Description?: string;
  /** @default 'ENABLED' */
  readonly State?: string;
  readonly FlexibleTimeWindow: { readonly Mode: string; readonly MaximumWindowInMinutes?: number };
  readonly Target: ScheduleTarget;
  /** @default 'NONE' */
  readonly ActionAfterCompletion?: string;
  readonly KmsKeyArn?: string;
}

/** A validated schedule definition: the input with its expression parsed. */
export interface ScheduleDefinition extends ScheduleInput {
  readonly GroupName: string;
  readonly ScheduleExpressionTimezone: string;
  readonly State: 'ENABLED' | 'DISABLED';
  readonly ActionAfterCompletion: 'NONE' | 'DELETE';
  readonly expression: ScheduleExpression;
}

const NAME = /^[0-9a-zA-Z-_.]{1,64}$/;

/**
 * Validates a CreateSchedule/UpdateSchedule input as EventBridge Scheduler does (its API
 * reference's constraints); every failure is a ValidationException. An expression it cannot
 * parse is "Invalid Schedule Expression <expression>." (AWS-validated Scheduler snapshots).
 */
export function validateScheduleInput(input: ScheduleInput): ScheduleDefinition {
  if (!NAME.test(input.Name)) {
    throw new SchedulerValidationError(
      `1 validation error detected: Value '${input.Name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+`,
    );
  }
  let expression: ScheduleExpression;
  try {
    expression = parseScheduleExpression(input.ScheduleExpression, { allowAt: true });
  } catch (error) {
    if (error instanceof InvalidScheduleExpressionError) {
      throw new SchedulerValidationError(`Invalid Schedule Expression ${input.ScheduleExpression}.`);
    }
    throw error;
  }
  const timeZone = input.ScheduleExpressionTimezone ?? 'UTC';
  if (!isKnownTimeZone(timeZone)) {
    throw new SchedulerValidationError(`Invalid ScheduleExpressionTimezone ${timeZone}.`);
  }
  const state = input.State ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') {
    throw new SchedulerValidationError(
      `1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`,
    );
  }
  const window = input.FlexibleTimeWindow;
  if (window.Mode !== 'OFF' && window.Mode !== 'FLEXIBLE') {
    throw new SchedulerValidationError(
      `1 validation error detected: Value '${window.Mode}' at 'flexibleTimeWindow.mode' failed to satisfy constraint: Member must satisfy enum value set: [OFF, FLEXIBLE]`,
    );
  }
  if (window.Mode === 'FLEXIBLE') {
    const minutes = window.MaximumWindowInMinutes;
    if (minutes === undefined || !Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      throw new SchedulerValidationError(
        'MaximumWindowInMinutes must be between 1 and 1440 when FlexibleTimeWindow Mode is FLEXIBLE.',
      );
    }
  } else if (window.MaximumWindowInMinutes !== undefined) {
    throw new SchedulerValidationError(
      'MaximumWindowInMinutes is only allowed when FlexibleTimeWindow Mode is FLEXIBLE.',
    );
  }
  if (input.StartDate !== undefined && input.EndDate !== undefined && input.EndDate <= input.StartDate) {
    throw new SchedulerValidationError('The EndDate must be after the StartDate.');
  }
  const after = input.ActionAfterCompletion ?? 'NONE';
  if (after !== 'NONE' && after !== 'DELETE') {
    throw new SchedulerValidationError(
      `1 validation error detected: Value '${after}' at 'actionAfterCompletion' failed to satisfy constraint: Member must satisfy enum value set: [NONE, DELETE]`,
    );
  }
  const retry = input.Target.RetryPolicy;
  if (
    retry?.MaximumRetryAttempts !== undefined &&
    (retry.MaximumRetryAttempts < 0 || retry.MaximumRetryAttempts > 185)
  ) {
    throw new SchedulerValidationError(
      `1 validation error detected: Value '${retry.MaximumRetryAttempts}' at 'target.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185`,
    );
  }
  if (
    retry?.MaximumEventAgeInSeconds !== undefined &&
    (retry.MaximumEventAgeInSeconds < 60 || retry.MaximumEventAgeInSeconds > 86400)
  ) {
    throw new SchedulerValidationError(
      `1 validation error detected: Value '${retry.MaximumEventAgeInSeconds}' at 'target.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value between 60 and 86400`,
    );
  }
  return {
    ...input,
    GroupName: input.GroupName ?? 'default',
    ScheduleExpressionTimezone: timeZone,
    State: state,
    ActionAfterCompletion: after,
    expression,
  };
}
