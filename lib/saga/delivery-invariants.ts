import { peekCorrelationId } from '../../functions/shared/saga-message';
import type { TraceEvent } from '../local/trace';
import type { DeadLetterState, SagaSnapshot } from './saga-snapshot';

/**
 * The invariants read from the trace: every event reached its targets, and every dead letter
 * says why it is there. Pure functions of the snapshot (and its trace).
 */

/** Why a message is in a DLQ, as far as the run can tell. */
export interface DeadLetterExplanation {
  readonly queue: string;
  readonly messageId: string;
  /** The order it concerns, when its body says. */
  readonly orderId?: string;
  /** `handler`: rejected as permanent with a reason; `retries`: maxReceiveCount reached; `target`: EventBridge gave up. */
  readonly cause: 'handler' | 'retries' | 'target';
  /** The reason, or the last error before retries ran out; undefined when nothing explains it. */
  readonly explanation?: string;
}

/** Reasons the snapshot reader falls back to when a message carries none of its own. */
const GENERIC_REASON = /^(unknown$|retries ran out)/;

/**
 * Every published event reached each matching rule's targets or their DLQ: in the trace, each
 * `rule.matched` is followed, for every target of the rule, by `target.delivered` or by
 * `target.dead-lettered` into a DLQ (a drop, with no DLQ, is a loss).
 */
export function lostEvents(
  trace: readonly TraceEvent[],
  ruleTargets?: Readonly<Record<string, readonly string[]>>,
): string[] {
  const matches = new Map<
    string,
    { count: number; eventId: string; rule: string; detailType: string; correlationId?: string }
  >();
  const outcomes = new Map<string, number>();
  const targetsSeen = new Map<string, Set<string>>();
  const violations: string[] = [];
  const seeTarget = (rule: string, targetId: string) => {
    const targets = targetsSeen.get(rule) ?? new Set<string>();
    targets.add(targetId);
    targetsSeen.set(rule, targets);
  };
  const countOutcome = (event: { eventId: string; rule: string; targetId: string }) => {
    const key = `${event.eventId}|${event.rule}|${event.targetId}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  };
  const orderOf = new Map<string, string>();
  for (const event of trace) {
    if (event.kind === 'event.put' && event.correlationId) orderOf.set(event.eventId, event.correlationId);
    if (event.kind === 'rule.matched') {
      const key = `${event.eventId}|${event.rule}`;
      const match = matches.get(key);
      if (match) match.count++;
      else
        matches.set(key, {
          count: 1,
          eventId: event.eventId,
          rule: event.rule,
          detailType: event.detailType,
          correlationId: event.correlationId,
        });
    } else if (event.kind === 'target.delivered') {
      seeTarget(event.rule, event.targetId);
      countOutcome(event);
    } else if (event.kind === 'target.failed') {
      seeTarget(event.rule, event.targetId);
    } else if (event.kind === 'target.dead-lettered') {
      seeTarget(event.rule, event.targetId);
      // Settled either way; a drop is reported once, as a drop.
      countOutcome(event);
      if (!event.deadLetterArn)
        violations.push(
          `${event.correlationId ?? event.eventId}: event ${event.eventId} dropped by rule ${event.rule} (no DLQ): ${event.reason}`,
        );
    }
  }
  for (const match of matches.values()) {
    const targets = ruleTargets?.[match.rule] ?? [...(targetsSeen.get(match.rule) ?? [])];
    const order = match.correlationId ?? orderOf.get(match.eventId) ?? match.eventId;
    if (targets.length === 0) {
      violations.push(
        `${order}: ${match.detailType} ${match.eventId} matched rule ${match.rule} but reached no target`,
      );
      continue;
    }
    for (const targetId of targets) {
      const reached = outcomes.get(`${match.eventId}|${match.rule}|${targetId}`) ?? 0;
      if (reached < match.count) {
        violations.push(
          `${order}: ${match.detailType} ${match.eventId} matched rule ${match.rule} but never reached target ${targetId}`,
        );
      }
    }
  }
  return violations;
}

/** Why each dead letter is there: its own reason, or the last error the trace shows before it was moved. */
export function explainDeadLetters(snapshot: Pick<SagaSnapshot, 'deadLetters' | 'trace'>): DeadLetterExplanation[] {
  const trace = snapshot.trace ?? [];
  const redriven = new Map<string, Extract<TraceEvent, { kind: 'message.dead-lettered' }>>();
  for (const event of trace) {
    if (event.kind === 'message.dead-lettered') redriven.set(`${event.deadLetterQueue}|${event.messageId}`, event);
  }
  return snapshot.deadLetters.map((letter) => {
    const orderId = peekCorrelationId(letter.body);
    const moved = redriven.get(`${letter.queue}|${letter.messageId}`);
    if (moved) {
      const lastError = lastErrorOf(trace, moved.messageId, moved.correlationId, moved.seq);
      return {
        queue: letter.queue,
        messageId: letter.messageId,
        orderId,
        cause: 'retries',
        ...(lastError ? { explanation: lastError } : {}),
      };
    }
    const cause = isTargetDeadLetter(letter) ? 'target' : 'handler';
    const explained = letter.reason !== undefined && !GENERIC_REASON.test(letter.reason);
    return {
      queue: letter.queue,
      messageId: letter.messageId,
      orderId,
      cause,
      ...(explained ? { explanation: letter.reason } : {}),
    };
  });
}

/** Violations of "dead letters explained", naming the orders. */
export function unexplainedDeadLetters(snapshot: Pick<SagaSnapshot, 'deadLetters' | 'trace'>): string[] {
  return explainDeadLetters(snapshot)
    .filter((letter) => letter.explanation === undefined)
    .map((letter) =>
      letter.cause === 'retries'
        ? `${letter.orderId ?? 'no order'}: message ${letter.messageId} in ${letter.queue} ran out of retries with no error in the trace`
        : `${letter.orderId ?? 'no order'}: message ${letter.messageId} in ${letter.queue} carries no reason`,
    );
}

/**
 * The last failure of a message before `beforeSeq`: an injected fault that hit it, a partial
 * batch response that listed it, or a failed invocation of its consumer for its order.
 */
function lastErrorOf(
  trace: readonly TraceEvent[],
  messageId: string,
  correlationId: string | undefined,
  beforeSeq: number,
): string | undefined {
  const receivers = new Set<string>();
  const started = new Map<string, readonly string[]>();
  let last: string | undefined;
  for (const event of trace) {
    if (event.seq >= beforeSeq) break;
    if (event.kind === 'message.received' && event.messageId === messageId) receivers.add(event.receiver);
    else if (event.kind === 'invocation.started') started.set(event.requestId, event.correlationIds);
    else if (event.kind === 'fault.injected' && event.messageIds?.includes(messageId))
      last = `${event.fault} (${event.detail})`;
    else if (event.kind === 'invocation.ended' && receivers.has(event.functionName)) {
      if (event.failedItems?.includes(messageId)) last = `${event.functionName} reported the record failed`;
      else if (event.outcome !== 'success' && correlationId && started.get(event.requestId)?.includes(correlationId)) {
        last = `${event.functionName} ${event.outcome}: ${event.error ?? 'no error message'}`;
      }
    }
  }
  return last;
}

/** EventBridge's target DLQ messages carry an upper-case ERROR_CODE, which the reader puts first. */
function isTargetDeadLetter(letter: DeadLetterState): boolean {
  return letter.reason !== undefined && /^[A-Z][A-Z_]+:/.test(letter.reason);
}
