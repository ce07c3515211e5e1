import { SchedulerValidationError } from './scheduler-errors';

/** A schedule's `Target`, in the API's shape. */
export interface ScheduleTarget {
  readonly Arn: string;
  readonly RoleArn: string;
  readonly Input?: string;
  readonly RetryPolicy?: { readonly MaximumRetryAttempts?: number; readonly MaximumEventAgeInSeconds?: number };
  readonly DeadLetterConfig?: { readonly Arn?: string };
  readonly SqsParameters?: { readonly MessageGroupId?: string };
  readonly EventBridgeParameters?: { readonly DetailType: string; readonly Source: string };
  readonly [other: string]: unknown;
}

/**
 * What a target ARN names: one of the templated targets the local cloud runs (SQS queue, Lambda
 * function, Step Functions state machine, EventBridge bus) or a universal target
 * (`arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`).
 */
export type TargetKind =
  | { readonly kind: 'sqs'; readonly arn: string }
  | { readonly kind: 'lambda'; readonly arn: string; readonly functionName: string }
  | { readonly kind: 'states'; readonly arn: string }
  | { readonly kind: 'events'; readonly arn: string }
  | { readonly kind: 'universal'; readonly service: string; readonly action: string };

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const UNIVERSAL = /^arn:aws[a-z-]*:scheduler:::aws-sdk:([a-z0-9-]+):([a-zA-Z0-9]+)$/;
/**
 * Actions Scheduler does not run as universal targets: the read-only ones ("Using universal
 * targets", Scheduler user guide: "Unsupported actions").
 */
const READ_ONLY_ACTION =
  /^(get|describe|list|poll|receive|search|scan|query|select|read|lookup|discover|validate|batchGet|batchDescribe|batchRead|transactGet|adminGet|adminList|testMigration|retrieve|testConnection|translateDocument|isAuthorized|invokeModel)([A-Z0-9]|$)/;

/**
 * Classifies and validates a target as CreateSchedule does (ValidationException otherwise). A
 * universal target of any service is accepted, as AWS accepts it; one the local cloud does not
 * serve fails when it is invoked (see `ScheduleTargets.servesUniversal`).
 */
export function classifyTarget(target: ScheduleTarget): TargetKind {
  if (!ROLE_ARN.test(target.RoleArn)) {
    throw new SchedulerValidationError(`Invalid RoleArn provided: ${target.RoleArn}.`);
  }
  const universal = UNIVERSAL.exec(target.Arn);
  if (universal) {
    const [, service, action] = universal as unknown as [string, string, string];
    if (READ_ONLY_ACTION.test(action)) {
      throw new SchedulerValidationError(
        `Invalid Target Arn: ${target.Arn}. EventBridge Scheduler does not support read-only API actions as universal targets.`,
      );
    }
    return { kind: 'universal', service, action };
  }
  const parts = target.Arn.split(':');
  const [prefix, partition, service, region, account] = parts;
  if (prefix !== 'arn' || !partition?.startsWith('aws') || !region || !/^\d{12}$/.test(account ?? '')) {
    throw new SchedulerValidationError(`Invalid Target Arn: ${target.Arn}.`);
  }
  const resource = parts.slice(5).join(':');
  switch (service) {
    case 'sqs':
      return { kind: 'sqs', arn: target.Arn };
    case 'lambda':
      if (resource.startsWith('function:')) {
        return { kind: 'lambda', arn: target.Arn, functionName: resource.split(':')[1] ?? '' };
      }
      break;
    case 'states':
      if (resource.startsWith('stateMachine:')) return { kind: 'states', arn: target.Arn };
      break;
    case 'events':
      if (resource.startsWith('event-bus/')) {
        if (!target.EventBridgeParameters?.DetailType || !target.EventBridgeParameters.Source) {
          throw new SchedulerValidationError(
            'EventBridgeParameters with DetailType and Source are required for an EventBridge target.',
          );
        }
        return { kind: 'events', arn: target.Arn };
      }
      break;
  }
  throw new SchedulerValidationError(
    `Invalid Target Arn: ${target.Arn}. The local cloud runs SQS, Lambda, Step Functions and EventBridge targets.`,
  );
}

/** The IAM permission the target role needs for one invocation. */
export function targetPermission(kind: TargetKind): { readonly action: string; readonly resource: string } {
  switch (kind.kind) {
    case 'sqs':
      return { action: 'sqs:SendMessage', resource: kind.arn };
    case 'lambda':
      return { action: 'lambda:InvokeFunction', resource: kind.arn };
    case 'states':
      return { action: 'states:StartExecution', resource: kind.arn };
    case 'events':
      return { action: 'events:PutEvents', resource: kind.arn };
    case 'universal':
      return { action: `${kind.service}:${kind.action[0]?.toUpperCase() ?? ''}${kind.action.slice(1)}`, resource: '*' };
  }
}
