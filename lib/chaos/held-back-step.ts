import { FunctionError, type TaskIntegrations } from '../local/stepfunctions';
import type { FunctionInvoker, PolledMessage, PollableQueue, PollOptions } from '../local/event-source-mapping';
import type { TargetInvoker } from '../local/eventbridge';
import type { Clock } from '../local/clock';
import type { FaultHookContext, FaultHooks } from '../local/fault-hooks';
import type { TraceRecorder } from '../local/trace';
import { sagaMetadataOf } from '../saga/saga-metadata';
import { FaultInjectorNotAttachedError } from './fault-injector';

/** The trace's name of this fault (`fault.injected`), beside the seeded kinds of `FaultKind`. */
export const HELD_BACK_FAULT = 'held-back-step';

/** Which step of which orders never happens. */
export interface HeldBackStepOptions {
  /** The orders (correlation ids) whose step is held back. */
  readonly orderIds: ReadonlySet<string>;
  /**
   * Choreography: the event its consumer never gets (each delivery is received and deleted,
   * as a consumer that lost it would), e.g. `StockReserved` for the payment step.
   */
  readonly detailType: string;
  /**
   * Orchestration: the Task state whose function never answers (each attempt times out at the
   * function's timeout with `Sandbox.Timedout`), e.g. `ProcessPayment`.
   */
  readonly stateName: string;
}

/**
 * A saga step that never happens for some orders — a consumer that loses the event, a payment
 * provider that never answers — so that the saga's deadline, not a retry, has to end them. Unlike
 * the seeded faults of `FaultInjector`, which stay within every retry budget, this one is
 * permanent and targeted: it is for tests of the deadline (test/local/e2e/saga-deadline.test.ts).
 *
 * @example
 * const holdBack = new HeldBackStep({ orderIds: new Set([orderId]), detailType: 'StockReserved', stateName: 'ProcessPayment' });
 * const cloud = await LocalCloud.start({ faults: holdBack, timeScale: 100 });
 */
export class HeldBackStep implements FaultHooks {
  readonly pendingWork = 0;
  private clockInUse?: Clock;
  private traceInUse?: TraceRecorder;
  private timeoutMsOf?: (functionName: string) => number;
  private heldBackCount = 0;

  constructor(private readonly options: HeldBackStepOptions) {}

  /** Deliveries dropped and Task attempts timed out so far. */
  get heldBack(): number {
    return this.heldBackCount;
  }

  attach(context: FaultHookContext): void {
    this.clockInUse = context.clock;
    this.traceInUse = context.trace;
    const timeouts = new Map(context.model.functions.map((fn) => [fn.name, fn.timeoutSeconds * 1000]));
    this.timeoutMsOf = (name) => timeouts.get(name) ?? 3000;
  }

  wrapInvoker(invoker: FunctionInvoker): FunctionInvoker {
    return invoker;
  }

  wrapQueue(queue: PollableQueue): PollableQueue {
    return new DroppingQueue(queue, (message) => this.drops(queue.name, message));
  }

  wrapTaskIntegrations(integrations: TaskIntegrations): TaskIntegrations {
    return {
      putEvents: integrations.putEvents,
      invokeFunction: async (functionNameOrArn, payload, context) => {
        const held =
          context.invocationType === 'RequestResponse' &&
          context.stateName === this.options.stateName &&
          context.correlationId !== undefined &&
          this.options.orderIds.has(context.correlationId);
        if (!held) return integrations.invokeFunction(functionNameOrArn, payload, context);
        const functionName = functionNameOrArn.split(':').at(-1) ?? functionNameOrArn;
        const timeoutMs = this.timeoutMs(functionName);
        this.record(functionName, `task ${context.stateName} never answered`, context.correlationId);
        await this.clock.sleep(timeoutMs);
        throw new FunctionError('Sandbox.Timedout', `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
      },
    };
  }

  wrapTargetInvoker(invoker: TargetInvoker): TargetInvoker {
    return invoker;
  }

  private drops(queueName: string, message: PolledMessage): boolean {
    const { correlationId } = sagaMetadataOf(message.body);
    if (correlationId === undefined || !this.options.orderIds.has(correlationId)) return false;
    if (detailTypeOf(message.body) !== this.options.detailType) return false;
    this.record(queueName, `${this.options.detailType} dropped`, correlationId, message.messageId);
    return true;
  }

  private record(target: string, detail: string, correlationId: string, messageId?: string): void {
    this.heldBackCount++;
    this.traceInUse?.record({
      kind: 'fault.injected',
      fault: HELD_BACK_FAULT,
      target,
      detail,
      correlationId,
      ...(messageId ? { messageIds: [messageId] } : {}),
    });
  }

  private get clock(): Clock {
    if (!this.clockInUse) throw new FaultInjectorNotAttachedError('clock');
    return this.clockInUse;
  }

  private timeoutMs(functionName: string): number {
    if (!this.timeoutMsOf) throw new FaultInjectorNotAttachedError('function timeouts');
    return this.timeoutMsOf(functionName);
  }
}

/** A queue whose matching messages are received and deleted before any consumer sees them. */
class DroppingQueue implements PollableQueue {
  constructor(
    private readonly inner: PollableQueue,
    private readonly dropped: (message: PolledMessage) => boolean,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get arn(): string {
    return this.inner.arn;
  }

  async receive(options: PollOptions): Promise<readonly PolledMessage[]> {
    const received = await this.inner.receive(options);
    const kept: PolledMessage[] = [];
    for (const message of received) {
      if (this.dropped(message)) await this.inner.delete(message.receiptHandle);
      else kept.push(message);
    }
    return kept;
  }

  async delete(receiptHandle: string): Promise<void> {
    await this.inner.delete(receiptHandle);
  }

  async changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void> {
    await this.inner.changeVisibility(receiptHandle, visibilityTimeoutSeconds);
  }
}

function detailTypeOf(body: string): string | undefined {
  try {
    const detailType = (JSON.parse(body) as { 'detail-type'?: unknown })['detail-type'];
    return typeof detailType === 'string' ? detailType : undefined;
  } catch {
    return undefined;
  }
}
