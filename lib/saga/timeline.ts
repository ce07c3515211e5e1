import { busName, VARIANTS, type Variant } from '../contracts';
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

/**
 * The timeline of one order from the trace events that carry its correlation id, in the order
 * things began: an invocation is placed at its start (its line gives its duration), so the
 * events it published come after it. A publish of an event id already published in this
 * timeline is labelled as a duplicate (a client retry, or the demo's deliberate one), which the
 * consumers deduplicate.
 */
export function buildTimeline(events: readonly TraceEvent[]): TimelineEntry[] {
  const first = events[0]?.at ?? 0;
  const startedAt = new Map<string, number>();
  for (const event of events) if (event.kind === 'invocation.started') startedAt.set(event.requestId, event.at);
  const published = new Set<string>();
  return events
    .flatMap((event, index) => {
      const described = describe(event);
      if (!described) return [];
      let { step, description } = described;
      if (event.kind === 'event.put' && event.appEventId) {
        if (published.has(event.appEventId)) {
          step = 'publish again';
          description = `${description} · duplicate of event ${event.appEventId.slice(0, 8)}, deduplicated by its consumers`;
        }
        published.add(event.appEventId);
      }
      const at =
        event.kind === 'invocation.ended' ? (startedAt.get(event.requestId) ?? event.at - event.durationMs) : event.at;
      return [{ offsetMs: Math.max(0, Math.round(at - first)), step, description, index }];
    })
    .sort((a, b) => a.offsetMs - b.offsetMs || a.index - b.index)
    .map(({ index: _index, ...entry }) => entry);
}

/**
 * The trace events of one variant: those that name a resource of its bus's family
 * (`shop-<variant>…`: the bus, queues, functions, rules, state machines) and none of another
 * variant's. Both variants run the same order ids, so a timeline by correlation id alone would mix them.
 */
export function eventsOfVariant(events: readonly TraceEvent[], variant: Variant): TraceEvent[] {
  const own = busName(variant);
  const others = VARIANTS.filter((candidate) => candidate !== variant).map((candidate) => busName(candidate));
  return events.filter((event) => {
    const text = JSON.stringify(event);
    return text.includes(own) && !others.some((other) => text.includes(other));
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
