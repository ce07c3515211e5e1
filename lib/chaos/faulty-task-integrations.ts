import { TASK_ERROR_NAMES } from '../../functions/shared/task-errors';
import {
  FunctionError,
  functionNameOf,
  type InvokeFunction,
  type InvokeFunctionContext,
  type PutEvents,
  type PutEventsContext,
  type PutEventsRequestEntry,
  type PutEventsResponse,
  type TaskIntegrations,
} from '../local/stepfunctions';
import type { FaultInjector, FaultSubject } from './fault-injector';
import type { FaultKind } from './fault-kind';
import { sagaMetadataOf } from '../saga/saga-metadata';
import { ClassifiedError } from '../errors/classified-error';

/** The invocation faults, in the order their rates slice one draw (as for SQS invocations). */
const INVOCATION_FAULTS: readonly FaultKind[] = [
  'error-before-side-effects',
  'error-after-side-effects',
  'function-timeout',
];

/**
 * An AWS service error the Step Functions integration reports as `Lambda.<code>` or
 * `EventBridge.<code>` (see `InvokeFunction` and `PutEvents`): what a chaos run throws for a
 * call that failed in the service, not in the function.
 */
export class InjectedServiceError extends ClassifiedError {
  override readonly name = 'InjectedServiceError';
  readonly kind = 'transient';

  constructor(
    /** The AWS error code (`ServiceException`, `InternalException`). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The integrations of state machine Tasks with faults in front of them, as Step Functions meets
 * them on AWS. Lambda Tasks (RequestResponse):
 * - `error-before-side-effects`: the invoke fails in Lambda (`Lambda.ServiceException`); the
 *   function never ran;
 * - `error-after-side-effects`: the function ran (its table writes stay), then failed with the
 *   task adapters' transient error (`TransientTaskError`);
 * - `function-timeout`: the function ran, then its timeout passed (`Sandbox.Timedout`);
 * - `duplicate-delivery`: the function is invoked a second time, a moment later, as Lambda's
 *   at-least-once invocation allows; the Task sees only the first result.
 *
 * PutEvents Tasks: `throttled-put-events` answers some entries `ThrottlingException` (the Task
 * fails with `EventBridge.FailedEntry`, the others are on the bus already); `dual-write-gap`
 * fails the whole call (`EventBridge.InternalException`) after the Tasks before it wrote.
 *
 * Faults that fail an attempt stay within the Task's budget (`FaultInjector.mayFailTaskAttempt`),
 * so the state's Retry absorbs them. Decisions are keyed on the state and the order, not on the
 * execution's random name, so the same seed injects the same faults.
 */
export class FaultyTaskIntegrations implements TaskIntegrations {
  readonly invokeFunction: InvokeFunction;
  readonly putEvents: PutEvents;

  constructor(
    private readonly inner: TaskIntegrations,
    private readonly injector: FaultInjector,
  ) {
    this.invokeFunction = (functionNameOrArn, payload, context) => this.invoke(functionNameOrArn, payload, context);
    this.putEvents = (entries, context) => this.publish(entries, context);
  }

  private async invoke(functionNameOrArn: string, payload: unknown, context: InvokeFunctionContext): Promise<unknown> {
    if (context.invocationType !== 'RequestResponse')
      return this.inner.invokeFunction(functionNameOrArn, payload, context);
    const { decider, clock } = this.injector;
    const functionName = functionNameOf(functionNameOrArn);
    const task = taskKey(context);
    const subject = subjectOf(context, payloadEventIds(payload));
    this.maybeInvokeAgain(functionNameOrArn, payload, context, subject);

    const fault = decider.choose(INVOCATION_FAULTS, task);
    const attempt = attemptKey(context);
    if (!fault || !this.injector.mayFailTaskAttempt(context.stateMachineArn, context.stateName, attempt)) {
      return this.inner.invokeFunction(functionNameOrArn, payload, context);
    }
    this.injector.noteAttemptFailure([{ key: attempt }]);
    if (fault === 'error-before-side-effects') {
      this.injector.record(
        fault,
        functionName,
        `task ${context.stateName} failed in Lambda before the function ran`,
        subject,
      );
      throw new InjectedServiceError('ServiceException', 'chaos: the invoke failed before the function ran');
    }
    const started = clock.now();
    // The function's own outcome is lost either way: the Task sees the injected failure.
    await this.inner.invokeFunction(functionNameOrArn, payload, context).catch(() => undefined);
    if (fault === 'error-after-side-effects') {
      this.injector.record(fault, functionName, `task ${context.stateName} failed after the function ran`, subject);
      throw new FunctionError(TASK_ERROR_NAMES.transient, 'chaos: the function failed after its side effects');
    }
    const timeoutMs = this.injector.timeoutMs(functionName);
    await clock.sleep(Math.max(0, started + timeoutMs - clock.now()));
    this.injector.record(
      fault,
      functionName,
      `task ${context.stateName} timed out after ${timeoutMs / 1000} s`,
      subject,
    );
    throw new FunctionError('Sandbox.Timedout', `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
  }

  /** A second invocation of the same payload, not awaited by the Task (held as pending work until it ends). */
  private maybeInvokeAgain(
    functionNameOrArn: string,
    payload: unknown,
    context: InvokeFunctionContext,
    subject: FaultSubject,
  ): void {
    const { decider, clock, plan } = this.injector;
    const task = taskKey(context);
    if (!decider.decide('duplicate-delivery', task)) return;
    const delayMs = Math.round(decider.fraction('duplicate', task) * plan.duplicateDelayMs);
    this.injector.record(
      'duplicate-delivery',
      functionNameOf(functionNameOrArn),
      `task ${context.stateName} invoked again after ${delayMs} ms`,
      subject,
    );
    this.injector.holding(1);
    void clock
      .sleep(delayMs)
      .then(() => this.inner.invokeFunction(functionNameOrArn, payload, context))
      .catch(() => undefined)
      .finally(() => this.injector.holding(-1));
  }

  private async publish(
    entries: readonly PutEventsRequestEntry[],
    context: PutEventsContext,
  ): Promise<PutEventsResponse> {
    const { decider } = this.injector;
    const task = taskKey(context);
    const attempt = attemptKey(context);
    const metadata = entries.map((entry) => sagaMetadataOf(entry.Detail));
    const eventIds = metadata.flatMap((meta) => meta.eventId ?? []);
    const target = `states:${context.stateName}`;
    const mayFail = () => this.injector.mayFailTaskAttempt(context.stateMachineArn, context.stateName, attempt);

    if (decider.decide('dual-write-gap', task) && mayFail()) {
      this.injector.noteAttemptFailure([{ key: attempt }]);
      this.injector.record(
        'dual-write-gap',
        target,
        `PutEvents of ${entries.length} event(s) failed after the tasks before it wrote`,
        subjectOf(context, eventIds),
      );
      throw new InjectedServiceError('InternalException', 'chaos: the PutEvents call failed (dual-write gap)');
    }
    const throttled = entries.map((_, index) =>
      decider.decide('throttled-put-events', `${task}|${metadata[index]?.eventId ?? index}`),
    );
    if (!throttled.some(Boolean) || !mayFail()) return this.inner.putEvents(entries, context);

    this.injector.noteAttemptFailure([{ key: attempt }]);
    entries.forEach((entry, index) => {
      if (!throttled[index]) return;
      const bus = typeof entry.EventBusName === 'string' ? entry.EventBusName : 'default';
      const eventId = metadata[index]?.eventId;
      this.injector.record(
        'throttled-put-events',
        bus,
        `entry ${index} of ${entries.length} from task ${context.stateName} throttled`,
        subjectOf(context, eventId ? [eventId] : []),
      );
      this.injector.recordRejection(bus, 'ThrottlingException', 'Rate exceeded', context.caller, context.correlationId);
    });
    const passed = entries.filter((_, index) => !throttled[index]);
    const answered = passed.length > 0 ? [...(await this.inner.putEvents(passed, context)).Entries] : [];
    const results = entries.map((_, index) =>
      throttled[index] ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' } : (answered.shift() ?? {}),
    );
    return {
      FailedEntryCount: results.filter((result) => 'ErrorCode' in result && result.ErrorCode !== undefined).length,
      Entries: results,
    };
  }
}

/** The Task and the order it works for: stable across runs (an execution's name is random). */
function taskKey(context: {
  readonly stateName: string;
  readonly correlationId?: string;
  readonly executionArn: string;
}): string {
  return `${context.stateName}|${context.correlationId ?? context.executionArn}`;
}

/** The Task of one execution, as its Retry counts attempts. */
function attemptKey(context: { readonly stateName: string; readonly executionArn: string }): string {
  return `${context.executionArn}|${context.stateName}`;
}

function subjectOf(context: { readonly correlationId?: string }, sagaEventIds: readonly string[]): FaultSubject {
  return { sagaEventIds, correlationIds: context.correlationId !== undefined ? [context.correlationId] : [] };
}

/** The saga event a task payload (`{ action, event }`) acts on. */
function payloadEventIds(payload: unknown): string[] {
  const event = (payload as { event?: { detail?: { metadata?: { eventId?: unknown } } } } | null | undefined)?.event;
  const eventId = event?.detail?.metadata?.eventId;
  return typeof eventId === 'string' ? [eventId] : [];
}
