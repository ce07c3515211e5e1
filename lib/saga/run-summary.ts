import { busName, type Variant } from '../contracts';
import type { TraceEvent } from '../local/trace';
import type { InvariantResult } from './saga-invariants';
import type { SagaSnapshot } from './saga-snapshot';

/**
 * The summary of one variant's run, as `choreo demo --json` prints it (one per variant).
 * Counts come from the trace, outcomes from the service tables.
 */
export interface RunSummary {
  readonly variant: Variant;
  /** Orders by final status, and cancelled orders by reason. */
  readonly orders: {
    readonly total: number;
    readonly confirmed: number;
    readonly cancelled: number;
    readonly pending: number;
    readonly cancelledByReason: Readonly<Record<string, number>>;
  };
  /** PutEvents entries accepted on the variant's bus, rule matches, target deliveries and failures. */
  readonly events: {
    readonly published: number;
    readonly matched: number;
    readonly delivered: number;
    readonly targetFailures: number;
  };
  /** Messages through the variant's queues; `returned` counts redeliveries (retries). */
  readonly messages: {
    readonly sent: number;
    readonly received: number;
    readonly deleted: number;
    readonly returned: number;
    readonly deadLettered: number;
  };
  /** Lambda invocations of the variant's functions. */
  readonly invocations: {
    readonly total: number;
    readonly coldStarts: number;
    readonly errors: number;
    readonly timeouts: number;
  };
  /** Step Functions executions (orchestrated variant). */
  readonly executions: { readonly started: number; readonly succeeded: number; readonly failed: number };
  /** Every message left in the variant's DLQs, with its reason. */
  readonly deadLetters: readonly { readonly queue: string; readonly reason: string }[];
  readonly invariants: readonly {
    readonly name: string;
    readonly holds: boolean;
    readonly violations: readonly string[];
  }[];
  readonly invariantsHold: boolean;
  readonly wallMs: number;
  /**
   * Trace records dropped from the in-memory ring before the summary was made: the counts above
   * miss them (`--trace-buffer` keeps more, `--trace-out` keeps every one).
   */
  readonly traceRecordsDropped: number;
}

/** Builds the summary of a variant's run from the trace and the snapshot. */
export function summarizeRun(input: {
  readonly variant: Variant;
  readonly trace: readonly TraceEvent[];
  readonly snapshot: SagaSnapshot;
  readonly invariants: readonly InvariantResult[];
  readonly wallMs: number;
  /** @default 0 */
  readonly traceRecordsDropped?: number;
}): RunSummary {
  const bus = busName(input.variant);
  const prefix = `${bus}-`;
  const ofVariant = (name: string) => name === bus || name.startsWith(prefix);
  const count = (predicate: (event: TraceEvent) => boolean) => input.trace.filter(predicate).length;
  const publishedOrders = new Set(input.snapshot.publishedOrderIds);
  const orders = input.snapshot.orders.filter((order) => publishedOrders.has(order.orderId));
  const cancelledByReason: Record<string, number> = {};
  for (const order of orders) {
    if (order.status === 'CANCELLED') {
      const reason = order.cancellationReason ?? 'UNKNOWN';
      cancelledByReason[reason] = (cancelledByReason[reason] ?? 0) + 1;
    }
  }
  return {
    variant: input.variant,
    orders: {
      total: publishedOrders.size,
      confirmed: orders.filter((order) => order.status === 'CONFIRMED').length,
      cancelled: orders.filter((order) => order.status === 'CANCELLED').length,
      pending: publishedOrders.size - orders.filter((order) => order.status !== 'PENDING').length,
      cancelledByReason,
    },
    events: {
      published: count((event) => event.kind === 'event.put' && ofVariant(event.bus)),
      matched: count((event) => event.kind === 'rule.matched' && ofVariant(event.bus)),
      delivered: count(
        (event) => event.kind === 'target.delivered' && ruleOfVariant(event.rule, input.trace, ofVariant),
      ),
      targetFailures: count(
        (event) => event.kind === 'target.failed' && ruleOfVariant(event.rule, input.trace, ofVariant),
      ),
    },
    messages: {
      sent: count((event) => event.kind === 'message.sent' && ofVariant(event.queue)),
      received: count((event) => event.kind === 'message.received' && ofVariant(event.queue)),
      deleted: count((event) => event.kind === 'message.deleted' && ofVariant(event.queue)),
      returned: count((event) => event.kind === 'message.returned' && ofVariant(event.queue)),
      deadLettered: count((event) => event.kind === 'message.dead-lettered' && ofVariant(event.queue)),
    },
    invocations: {
      total: count((event) => event.kind === 'invocation.ended' && ofVariant(event.functionName)),
      coldStarts: count(
        (event) => event.kind === 'invocation.ended' && event.coldStart && ofVariant(event.functionName),
      ),
      // A failure injected around an invocation (chaos) is what the caller saw, even though the
      // handler inside ran to success or never ran: count it with the invocations that failed.
      errors: count(
        (event) =>
          (event.kind === 'invocation.ended' && event.outcome === 'error' && ofVariant(event.functionName)) ||
          (event.kind === 'fault.injected' && INJECTED_ERRORS.has(event.fault) && ofVariant(event.target)),
      ),
      timeouts: count(
        (event) =>
          (event.kind === 'invocation.ended' && event.outcome === 'timeout' && ofVariant(event.functionName)) ||
          (event.kind === 'fault.injected' && event.fault === 'function-timeout' && ofVariant(event.target)),
      ),
    },
    executions: {
      started: count((event) => event.kind === 'execution.started' && ofVariant(stateMachineName(event.stateMachine))),
      succeeded: count(
        (event) => event.kind === 'execution.succeeded' && ofVariant(stateMachineName(event.stateMachine)),
      ),
      failed: count((event) => event.kind === 'execution.failed' && ofVariant(stateMachineName(event.stateMachine))),
    },
    deadLetters: input.snapshot.deadLetters.map((letter) => ({
      queue: letter.queue,
      reason: letter.reason ?? 'unknown',
    })),
    invariants: input.invariants.map(({ name, holds, violations }) => ({ name, holds, violations })),
    invariantsHold: input.invariants.every((invariant) => invariant.holds),
    wallMs: input.wallMs,
    traceRecordsDropped: input.traceRecordsDropped ?? 0,
  };
}

/** Injected faults that fail an invocation with an error (chaos's fault kinds, by name). */
const INJECTED_ERRORS: ReadonlySet<string> = new Set(['error-before-side-effects', 'error-after-side-effects']);

function stateMachineName(nameOrArn: string): string {
  return nameOrArn.split(':').pop() ?? nameOrArn;
}

/** A rule belongs to a variant when its matches were on the variant's bus. */
function ruleOfVariant(rule: string, trace: readonly TraceEvent[], ofVariant: (name: string) => boolean): boolean {
  const match = trace.find((event) => event.kind === 'rule.matched' && event.rule === rule);
  return match?.kind === 'rule.matched' ? ofVariant(match.bus) : false;
}
