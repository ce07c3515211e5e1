import { isRetryable } from '../../errors/classified-error';
import { parseArn } from '../arn';
import type { Clock } from '../clock';
import type { LocalSqs } from '../sqs/local-sqs';
import type { TraceRecorder } from '../trace';
import { formatEventTime, type EventEnvelope } from './event-envelope';
import type { EventRule } from './event-rule';
import { DEFAULT_RETRY_POLICY, type RuleTarget } from './rule-target';
import { EVENTS_SENDER } from './sqs-target-invoker';
import { targetInput } from './target-input';
import { TargetInvocationError, type TargetInvoker } from './target-invoker';

/** Exponential back-off between delivery attempts, in AWS ms. */
export interface RetryBackoff {
  /** Wait before the first retry. @default 1000 */
  readonly baseMs?: number;
  /** Longest wait between two attempts. @default 180000 (3 minutes) */
  readonly maxMs?: number;
  /** 0..1, the random part of each wait (EventBridge adds jitter). @default Math.random */
  readonly random?: () => number;
}

/** What one delivery needs. */
export interface TargetDeliveryContext {
  readonly clock: Clock;
  readonly trace: TraceRecorder;
  readonly sqs: LocalSqs;
  readonly invokerFor: (service: string) => TargetInvoker | undefined;
  readonly backoff: RetryBackoff;
  /** Aborting it ends deliveries waiting to retry (shutdown). */
  readonly signal?: AbortSignal;
}

/** Which retry limit ran out, as EventBridge writes it on the DLQ message. */
type ExhaustedCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

/**
 * Delivers one event to one target, retrying failures with exponential back-off and jitter on
 * the Clock until the target's RetryPolicy runs out (185 attempts / 24 h by default), then sends
 * the event to the target's DLQ with EventBridge's message attributes (ERROR_CODE,
 * ERROR_MESSAGE, RULE_ARN, TARGET_ARN, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS), or drops it.
 * Non-retryable failures go to the DLQ at once. Every attempt is traced.
 */
export async function deliverToTarget(
  context: TargetDeliveryContext,
  event: EventEnvelope,
  rule: EventRule,
  target: RuleTarget,
  ingestedAt: number,
): Promise<void> {
  const { clock, trace } = context;
  const maxRetries = target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY_POLICY.MaximumRetryAttempts;
  const maxAgeMs =
    (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY_POLICY.MaximumEventAgeInSeconds) * 1000;
  const ruleRef = { name: rule.name, arn: rule.arn, eventBusName: rule.props.eventBusName };
  const correlationId = trace.correlate(event, event);
  for (let attempt = 1; ; attempt++) {
    try {
      const input = targetInput(event, target, ruleRef, formatEventTime(ingestedAt));
      const service = serviceOf(target.Arn);
      const invoker = context.invokerFor(service);
      if (!invoker) {
        throw new TargetInvocationError(
          'NO_RESOURCE',
          `no local invoker for targets of service '${service}': '${target.Arn}'`,
          false,
        );
      }
      await invoker.invoke({ targetArn: target.Arn, input, event, rule: ruleRef, target, attempt });
      trace.record({
        kind: 'target.delivered',
        rule: rule.name,
        targetId: target.Id,
        targetArn: target.Arn,
        eventId: event.id,
        attempt,
        correlationId,
      });
      return;
    } catch (error) {
      const failure = asInvocationError(error);
      const delayMs = backoffMs(context.backoff, attempt);
      let exhausted: ExhaustedCondition | undefined;
      if (attempt - 1 >= maxRetries) exhausted = 'MaximumRetryAttempts';
      else if (clock.now() + delayMs - ingestedAt > maxAgeMs) exhausted = 'MaximumEventAgeInSeconds';
      const willRetry = failure.retryable && exhausted === undefined;
      trace.record({
        kind: 'target.failed',
        rule: rule.name,
        targetId: target.Id,
        targetArn: target.Arn,
        eventId: event.id,
        attempt,
        error: `${failure.code}: ${failure.message}`,
        willRetry,
        correlationId,
      });
      if (!willRetry) {
        deadLetter(context, event, rule, target, failure, failure.retryable ? exhausted : undefined, attempt - 1);
        return;
      }
      await clock.sleep(delayMs, context.signal);
    }
  }
}

function deadLetter(
  context: TargetDeliveryContext,
  event: EventEnvelope,
  rule: EventRule,
  target: RuleTarget,
  failure: TargetInvocationError,
  exhausted: ExhaustedCondition | undefined,
  retryAttempts: number,
): void {
  const deadLetterArn = target.DeadLetterConfig?.Arn;
  const reason = exhausted ? `${exhausted} exhausted: ${failure.message}` : `not retryable: ${failure.message}`;
  const queue = deadLetterArn ? context.sqs.findQueue(deadLetterArn) : undefined;
  const base = {
    kind: 'target.dead-lettered',
    rule: rule.name,
    targetId: target.Id,
    eventId: event.id,
    correlationId: context.trace.correlate(event, event),
  } as const;
  if (!queue) {
    context.trace.record({
      ...base,
      deadLetterArn: undefined,
      reason: deadLetterArn
        ? `${reason}; dead-letter queue '${deadLetterArn}' does not exist, event dropped`
        : `${reason}; no dead-letter queue, event dropped`,
    });
    return;
  }
  const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
  queue.send({
    body: JSON.stringify(event),
    sender: EVENTS_SENDER,
    messageAttributes: {
      ERROR_CODE: attribute(failure.code),
      ERROR_MESSAGE: attribute(failure.message.slice(0, 1000) || failure.code),
      RULE_ARN: attribute(rule.arn),
      TARGET_ARN: attribute(target.Arn),
      ...(exhausted ? { EXHAUSTED_RETRY_CONDITION: attribute(exhausted) } : {}),
      RETRY_ATTEMPTS: { DataType: 'Number', StringValue: String(retryAttempts) },
    },
  });
  context.trace.record({ ...base, deadLetterArn, reason });
}

function backoffMs(backoff: RetryBackoff, attempt: number): number {
  const base = backoff.baseMs ?? 1000;
  const max = backoff.maxMs ?? 180_000;
  const random = backoff.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

function asInvocationError(error: unknown): TargetInvocationError {
  if (error instanceof TargetInvocationError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TargetInvocationError('ERROR_FROM_TARGET', message, isRetryable(error));
}

function serviceOf(arn: string): string {
  try {
    return parseArn(arn).service;
  } catch {
    return '';
  }
}
