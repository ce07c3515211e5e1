import { EventsValidationError } from './events-errors';
import {
  InvalidInputTransformerError,
  parseJsonPath,
  undefinedPlaceholder,
  validateInputTransformer,
} from './input-transformer';

/** A rule target as PutTargets takes it (the members the local cloud acts on; others are kept). */
export interface RuleTarget {
  readonly Id: string;
  readonly Arn: string;
  /** Constant JSON text sent instead of the event. */
  readonly Input?: string;
  /** JSONPath of the part of the event to send. */
  readonly InputPath?: string;
  readonly InputTransformer?: {
    readonly InputPathsMap?: Readonly<Record<string, string>>;
    readonly InputTemplate: string;
  };
  readonly RetryPolicy?: {
    /** 0..185. @default 185 */
    readonly MaximumRetryAttempts?: number;
    /** 60..86400. @default 86400 */
    readonly MaximumEventAgeInSeconds?: number;
  };
  /** An SQS queue that receives the events the target could not take. */
  readonly DeadLetterConfig?: { readonly Arn?: string };
  readonly SqsParameters?: { readonly MessageGroupId?: string };
  readonly RoleArn?: string;
  readonly [other: string]: unknown;
}

/** EventBridge's default retry policy: 185 retries within 24 hours. */
export const DEFAULT_RETRY_POLICY = { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 } as const;

/** At most 5 targets per rule. */
export const MAX_TARGETS_PER_RULE = 5;

const TARGET_ID = /^[.\-_A-Za-z0-9]{1,64}$/;

/** Checks a target as PutTargets does; throws `EventsValidationError` quoting the offending value. */
export function validateRuleTarget(target: RuleTarget): void {
  if (typeof target.Id !== 'string' || !TARGET_ID.test(target.Id)) {
    throw new EventsValidationError(
      `target id '${String(target.Id)}' must be 1 to 64 letters, digits, '.', '-' or '_'`,
    );
  }
  if (typeof target.Arn !== 'string' || !target.Arn.startsWith('arn:')) {
    throw new EventsValidationError(`parameter arn of target '${target.Id}' is not valid: '${String(target.Arn)}'`);
  }
  const inputs = [target.Input, target.InputPath, target.InputTransformer].filter((input) => input !== undefined);
  if (inputs.length > 1) {
    throw new EventsValidationError(
      `Only one of Input, InputPath, or InputTransformer must be provided for target ${target.Id}.`,
    );
  }
  if (target.Input !== undefined) {
    try {
      JSON.parse(target.Input);
    } catch {
      throw new EventsValidationError(`input of target '${target.Id}' is not valid json: '${target.Input}'`);
    }
  }
  if (target.InputTransformer !== undefined && typeof target.InputTransformer.InputTemplate !== 'string') {
    throw new EventsValidationError(`input transformer of target '${target.Id}' needs an inputtemplate`);
  }
  try {
    if (target.InputPath !== undefined) parseJsonPath(target.InputPath);
    if (target.InputTransformer !== undefined) {
      validateInputTransformer({
        inputPathsMap: target.InputTransformer.InputPathsMap,
        inputTemplate: target.InputTransformer.InputTemplate,
      });
    }
  } catch (error) {
    if (error instanceof InvalidInputTransformerError) {
      throw new EventsValidationError(`target '${target.Id}': ${error.message}`);
    }
    throw error;
  }
  if (target.InputTransformer !== undefined) {
    const placeholder = undefinedPlaceholder({
      inputPathsMap: target.InputTransformer.InputPathsMap,
      inputTemplate: target.InputTransformer.InputTemplate,
    });
    if (placeholder !== undefined) {
      throw new EventsValidationError(
        `InputTemplate for target ${target.Id} contains invalid placeholder ${placeholder}.`,
      );
    }
  }
  const retries = target.RetryPolicy?.MaximumRetryAttempts;
  if (retries !== undefined && (!Number.isInteger(retries) || retries < 0 || retries > 185)) {
    throw new EventsValidationError(
      `maximumretryattempts of target '${target.Id}' must be from 0 to 185, got '${String(retries)}'`,
    );
  }
  const age = target.RetryPolicy?.MaximumEventAgeInSeconds;
  if (age !== undefined && (!Number.isInteger(age) || age < 60 || age > 86_400)) {
    throw new EventsValidationError(
      `maximumeventageinseconds of target '${target.Id}' must be from 60 to 86400, got '${String(age)}'`,
    );
  }
}
