import { ClassifiedError, type ErrorKind } from '../../errors/classified-error';
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
 * A failed invocation, as Scheduler classifies it: retryable (throttling, a failing function) or
 * not (no such target, access denied), which go to the dead-letter queue at once.
 */
export class ScheduleTargetError extends ClassifiedError {
  override readonly name = 'ScheduleTargetError';
  readonly kind: ErrorKind;

  constructor(
    readonly code: string,
    message: string,
    retryable: boolean,
  ) {
    super(message);
    this.kind = retryable ? 'transient' : 'refused';
  }
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
