import type { TraceEvent } from '../local/trace';

/** One line of an order's timeline. */
export interface TimelineEntry {
  /** AWS milliseconds since the first event of the order. */
  readonly offsetMs: number;
  readonly step: string;
  readonly description: string;
}

function describe(event: TraceEvent): { step: string; description: string } | undefined {
  switch (event.kind) {
    case 'event.put':
      return {
        step: 'publish',
        description: `${event.detailType} (${event.source}) by ${event.caller} on ${event.bus}`,
      };
    case 'event.rejected':
      return { step: 'rejected', description: `${event.errorCode}: ${event.errorMessage} (${event.caller})` };
    case 'rule.matched':
      // The delivery that follows says the same, with where the event went.
      return undefined;
    case 'target.delivered':
      // Audit-log deliveries are bookkeeping, not saga steps.
      return event.targetArn.includes(':logs:')
        ? undefined
        : { step: 'deliver', description: `→ ${targetKindOf(event.targetArn)} ${shortArn(event.targetArn)}` };
    case 'target.failed':
      return {
        step: 'target failed',
        description: `${shortArn(event.targetArn)} attempt ${event.attempt}: ${event.error}${event.willRetry ? ' (will retry)' : ''}`,
      };
    case 'target.dead-lettered':
      return { step: 'target DLQ', description: `${event.rule}: ${event.reason}` };
    case 'message.sent':
      // Sends by rules are shown as deliveries; a function sending (to its DLQ) is a step of its own.
      return event.sender === 'events' ? undefined : { step: 'send', description: `${event.queue} by ${event.sender}` };
    case 'message.received':
      return event.receiveCount > 1
        ? { step: 'redelivery', description: `${event.queue} (receive #${event.receiveCount})` }
        : undefined;
    case 'message.deleted':
      return undefined;
    case 'message.returned':
      return { step: 'visible again', description: `${event.queue} after receive #${event.receiveCount}` };
    case 'message.dead-lettered':
      return { step: 'dead-letter', description: `${event.queue} → ${event.deadLetterQueue}: ${event.reason}` };
    case 'message.redriven':
      return { step: 'redrive', description: `${event.fromQueue} → ${event.toQueue}` };
    case 'invocation.started':
      return undefined;
    case 'invocation.ended':
      return {
        step: 'invoke',
        description: `${event.functionName} (${event.coldStart ? 'cold' : 'warm'}, ${Math.round(event.durationMs)} ms, ${event.outcome}${
          event.error ? `: ${event.error}` : ''
        }${event.failedItems?.length ? `, ${event.failedItems.length} failed item(s)` : ''})`,
      };
    case 'archive.recorded':
      return undefined;
    case 'execution.started':
    case 'execution.succeeded':
    case 'execution.failed':
      return {
        step: event.kind.replace('execution.', 'execution '),
        description: `${event.stateMachine}${event.error ? `: ${event.error}` : ''}`,
      };
    case 'state.entered':
      return { step: 'state', description: `${event.state}` };
    case 'access.denied':
      return { step: 'access denied', description: `${event.caller}: ${event.action} on ${event.resource}` };
  }
}

function targetKindOf(arn: string): string {
  const service = arn.split(':')[2];
  return service === 'sqs'
    ? 'queue'
    : service === 'lambda'
      ? 'function'
      : service === 'states'
        ? 'state machine'
        : service === 'events'
          ? 'bus'
          : (service ?? 'target');
}

function shortArn(arn: string): string {
  return arn.split(/[:/]/).pop() ?? arn;
}

/** The timeline of one order from the trace events that carry its correlation id. */
export function buildTimeline(events: readonly TraceEvent[]): TimelineEntry[] {
  const first = events[0]?.at ?? 0;
  return events.flatMap((event) => {
    const described = describe(event);
    return described ? [{ offsetMs: event.at - first, ...described }] : [];
  });
}

/** The timeline as aligned text lines, ready to print. */
export function formatTimeline(title: string, entries: readonly TimelineEntry[]): string {
  const offsetWidth = Math.max(4, ...entries.map((entry) => `+${entry.offsetMs}`.length));
  const stepWidth = Math.max(...entries.map((entry) => entry.step.length), 4);
  const lines = entries.map(
    (entry) =>
      `  ${`+${entry.offsetMs}`.padStart(offsetWidth)} ms  ${entry.step.padEnd(stepWidth)}  ${entry.description}`,
  );
  return [title, ...lines].join('\n');
}
