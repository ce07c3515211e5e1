import { TargetInvocationError } from '../eventbridge/target-invoker';
import type { TargetKind } from './schedule-target';

/** One invocation of a schedule's target. */
export interface ScheduleInvocation {
  readonly scheduleArn: string;
  readonly scheduleName: string;
  readonly target: TargetKind;
  /** The target's `Input` with the context attributes filled in; `{}` when it has none. */
  readonly input: string;
  /** `SqsParameters.MessageGroupId`, `EventBridgeParameters`, as given. */
  readonly messageGroupId?: string;
  readonly eventBridge?: { readonly DetailType: string; readonly Source: string };
  readonly roleArn: string;
}

/**
 * A failed invocation, as Scheduler classifies it (the same classification as a rule target's):
 * retryable (throttling, a failing function) or not (no such target, access denied), which go to
 * the dead-letter queue at once.
 */
export class ScheduleTargetError extends TargetInvocationError {
  override readonly name = 'ScheduleTargetError';
}

/** What the scheduler calls: the local cloud's services (see `localScheduleTargets`). */
export interface ScheduleTargets {
  /** Performs one invocation; throws `ScheduleTargetError` when it fails. */
  invoke(invocation: ScheduleInvocation): Promise<void>;
  /** Which universal targets (`aws-sdk:<service>:<action>`) can be run. */
  servesUniversal(service: string, action: string): boolean;
  /** Sends a dead-letter event to an SQS queue. */
  sendToDeadLetterQueue(queueArn: string, body: string, attributes: Readonly<Record<string, string>>): Promise<void>;
}
