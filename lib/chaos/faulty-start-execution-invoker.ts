import { createHash } from 'node:crypto';
import type { TargetInvocation, TargetInvoker } from '../local/eventbridge';
import type { FaultInjector, FaultSubject } from './fault-injector';
import { sagaMetadataOf } from '../saga/saga-metadata';

/**
 * The rule targets that start state machine executions, delivering like a worse EventBridge
 * (which is at-least-once and unordered):
 * - `delayed-delivery`: the start is held back for a while (a delayed start);
 * - `reordered-delivery`: the start waits until the next start for the same state machine has
 *   gone (or, with none coming, for at most the plan's duplicate delay), so the two swap places;
 * - `duplicate-delivery`: the event is delivered a second time, a moment later, which starts a
 *   second execution for the same order (EventBridge names no execution, so Step Functions
 *   cannot tell them apart): every Task must be idempotent across executions.
 *
 * Held starts keep the delivery in flight; a duplicate is pending work until it has started.
 */
export class FaultyStartExecutionInvoker implements TargetInvoker {
  /** Per state machine ARN, the starts waiting for the next one to overtake them. */
  private readonly overtaken = new Map<string, (() => void)[]>();

  constructor(
    private readonly inner: TargetInvoker,
    private readonly injector: FaultInjector,
  ) {}

  get service(): string {
    return this.inner.service;
  }

  async invoke(invocation: TargetInvocation): Promise<void> {
    const { decider, clock, plan } = this.injector;
    const metadata = sagaMetadataOf(invocation.input);
    // The saga event id, or (an event without one, e.g. a poison message) its detail: never the
    // envelope, whose id and time differ from run to run.
    const subjectKey = metadata.eventId ?? digest(JSON.stringify(invocation.event.detail));
    const key = `${invocation.rule.name}|${invocation.target.Id}|${subjectKey}|${invocation.attempt}`;
    const target = invocation.targetArn.split(':').pop() ?? invocation.targetArn;
    const subject: FaultSubject = {
      sagaEventIds: metadata.eventId ? [metadata.eventId] : [],
      correlationIds: metadata.correlationId ? [metadata.correlationId] : [],
    };
    if (decider.decide('delayed-delivery', key)) {
      const [min, max] = plan.delayMs;
      const delayMs = Math.round(min + decider.fraction('delay', key) * (max - min));
      this.injector.record('delayed-delivery', target, `execution start held back ${delayMs} ms`, subject);
      await clock.sleep(delayMs);
    } else if (decider.decide('reordered-delivery', key)) {
      this.injector.record('reordered-delivery', target, 'execution start overtaken by the next one', subject);
      await this.overtakenByNext(invocation.targetArn, plan.duplicateDelayMs);
    }
    try {
      await this.inner.invoke(invocation);
    } finally {
      this.releaseOvertaken(invocation.targetArn);
    }
    if (decider.decide('duplicate-delivery', key)) {
      const delayMs = Math.round(decider.fraction('duplicate', key) * plan.duplicateDelayMs);
      this.injector.record(
        'duplicate-delivery',
        target,
        `event delivered again after ${delayMs} ms (a second execution)`,
        subject,
      );
      this.injector.holding(1);
      void clock
        .sleep(delayMs)
        .then(() => this.inner.invoke(invocation))
        .catch(() => undefined)
        .finally(() => this.injector.holding(-1));
    }
  }

  /** Resolves once another start for `targetArn` has gone, or after `maxWaitMs` AWS ms. */
  private overtakenByNext(targetArn: string, maxWaitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiting = this.overtaken.get(targetArn) ?? [];
      this.overtaken.set(targetArn, waiting);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        timer.cancel();
        resolve();
      };
      const timer = this.injector.clock.setTimer(maxWaitMs, () => {
        const index = waiting.indexOf(release);
        if (index >= 0) waiting.splice(index, 1);
        release();
      });
      waiting.push(release);
    });
  }

  private releaseOvertaken(targetArn: string): void {
    const waiting = this.overtaken.get(targetArn);
    if (!waiting || waiting.length === 0) return;
    this.overtaken.delete(targetArn);
    for (const release of waiting) release();
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
