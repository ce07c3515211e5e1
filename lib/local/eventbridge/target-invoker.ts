import { ClassifiedError, type ErrorKind } from '../../errors/classified-error';
import type { EventEnvelope } from './event-envelope';
import type { RuleTarget } from './rule-target';

/** One attempt to hand an event to a rule target. */
export interface TargetInvocation {
  /** The target's ARN (queue, function, state machine, bus). */
  readonly targetArn: string;
  /** What the target receives: the event's JSON, or the Input / InputPath / InputTransformer result. */
  readonly input: string;
  /** The event itself (bus targets forward it as it is). */
  readonly event: EventEnvelope;
  readonly rule: { readonly name: string; readonly arn: string; readonly eventBusName: string };
  readonly target: RuleTarget;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/**
 * Delivers events to the targets of one AWS service (`sqs`, `lambda`, `states`, `events`), named
 * by the service part of the target ARN. The local cloud's integrator registers one per service;
 * SQS and bus targets come built in. An invoker rejects to fail the attempt: with a
 * `TargetInvocationError` to choose the DLQ error code and whether to retry; any other error is
 * retried (`ERROR_FROM_TARGET`).
 */
export interface TargetInvoker {
  readonly service: string;
  invoke(invocation: TargetInvocation): Promise<void>;
}

/**
 * A failed delivery. `code` is the error code EventBridge writes on the DLQ message
 * (`NO_RESOURCE`, `THROTTLING`, `ERROR_FROM_TARGET`, `INVALID_JSON`, `SDK_CLIENT_ERROR`, ...);
 * `retryable` false sends the event to the DLQ at once, as AWS does for missing resources and
 * permissions.
 */
export class TargetInvocationError extends ClassifiedError {
  override readonly name: string = 'TargetInvocationError';
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

/**
 * An invoker from a callback, for targets the integrator runs (Lambda functions, state machines).
 *
 * @example
 * bridge.registerInvoker(callbackInvoker('lambda', async ({ targetArn, input }) => lambda.invokeAsync(targetArn, input)));
 */
export function callbackInvoker(
  service: string,
  invoke: (invocation: TargetInvocation) => Promise<void>,
): TargetInvoker {
  return { service, invoke };
}
