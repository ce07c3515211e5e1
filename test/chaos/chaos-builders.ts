import envelope from '../fixtures/chaos/stock-reserved-envelope.json';
import {
  FAULT_KINDS,
  FaultInjector,
  faultPlan,
  runChaosOnLocalCloud,
  type ChaosReport,
  type FaultInjectorOptions,
  type FaultKind,
  type FaultPlanInput,
} from '../../lib/chaos';
import type { PolledMessage, PollableQueue, PollOptions } from '../../lib/local/event-source-mapping';
import type {
  InvokeFunctionContext,
  PutEventsContext,
  PutEventsRequestEntry,
  TaskIntegrations,
} from '../../lib/local/stepfunctions';
import { LocalCloud } from '../../lib/local/local-cloud';
import { TraceRecorder } from '../../lib/local/trace';
import { startSagaTestCloud } from '../support/saga-test-cloud';
import { ManualClock } from '../local/sqs/manual-clock';
import type { Variant } from '../../lib/contracts';

/** A plan with every fault off except those given. */
export function onlyFaults(rates: Partial<Record<FaultKind, number>>, more: FaultPlanInput = {}) {
  return faultPlan({ seed: 7, rate: 0, rates, ...more });
}

/**
 * An injector on a manual clock with its own trace; every function consumes a queue with
 * maxReceiveCount 5 and has a 20 s timeout; every Task state has 6 attempts (MaxAttempts 5).
 */
export function testInjector(
  rates: Partial<Record<FaultKind, number>>,
  more: FaultPlanInput = {},
  options: FaultInjectorOptions = {},
) {
  const clock = new ManualClock();
  const trace = new TraceRecorder(clock);
  const injector = new FaultInjector(onlyFaults(rates, more), {
    clock,
    trace,
    maxReceiveCountOf: () => 5,
    timeoutMsOf: () => 20_000,
    taskAttemptsOf: () => 6,
    ...options,
  });
  return { clock, trace, injector };
}

export const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:shop-orchestration-saga';

/** How a Task state of execution `execution` for order `orderId` invokes its function. */
export function taskInvokeContext(
  stateName: string,
  orderId = 'ord-7-001',
  execution = 'exec-1',
): InvokeFunctionContext {
  return {
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:shop-orchestration-saga:${execution}`,
    stateMachineArn: STATE_MACHINE_ARN,
    stateName,
    correlationId: orderId,
    invocationType: 'RequestResponse',
  };
}

/** How a PutEvents Task state publishes. */
export function taskPutEventsContext(stateName: string, orderId = 'ord-7-001', execution = 'exec-1'): PutEventsContext {
  const { executionArn, stateMachineArn, correlationId } = taskInvokeContext(stateName, orderId, execution);
  return {
    executionArn,
    stateMachineArn,
    stateName,
    correlationId: correlationId ?? orderId,
    caller: 'states:shop-orchestration-saga',
    roleArn: 'arn:aws:iam::000000000000:role/saga',
  };
}

/** What a Task state sends a task function: an action and the saga event it acts on. */
export function taskPayload(action = 'ProcessPayment') {
  return { action, event: { detailType: envelope['detail-type'], detail: envelope.detail } };
}

/** A PutEvents entry carrying the fixture's saga event, with its own event id. */
export function putEventsEntry(eventId: string): PutEventsRequestEntry {
  return {
    EventBusName: 'shop-orchestration',
    Source: 'shop.orders',
    DetailType: 'OrderConfirmed',
    Detail: JSON.stringify({ ...envelope.detail, metadata: { ...envelope.detail.metadata, eventId } }),
  };
}

/** Task integrations that record their calls and succeed. */
export function recordingIntegrations() {
  const calls: { invoked: unknown[]; published: PutEventsRequestEntry[][] } = { invoked: [], published: [] };
  const integrations: TaskIntegrations = {
    invokeFunction: async (_name, payload) => {
      calls.invoked.push(payload);
      return { outcome: 'applied' };
    },
    putEvents: (entries) => {
      calls.published.push([...entries]);
      return {
        FailedEntryCount: 0,
        Entries: entries.map((_, index) => ({ EventId: `id-${calls.published.length}-${index}` })),
      };
    },
  };
  return { calls, integrations };
}

/** The body of an SQS record carrying a saga event for order `orderId`, with its own event id. */
export function sagaBody(orderId: string, eventId = `evt-${orderId}`): string {
  return JSON.stringify({
    ...envelope,
    detail: { ...envelope.detail, metadata: { ...envelope.detail.metadata, eventId, correlationId: orderId } },
  });
}

export function polledMessage(orderId: string, receiveCount = 1): PolledMessage {
  return {
    messageId: `msg-${orderId}`,
    receiptHandle: `rh-${orderId}-${receiveCount}`,
    body: sagaBody(orderId),
    md5OfBody: 'md5',
    attributes: { ApproximateReceiveCount: String(receiveCount) },
    messageAttributes: {},
  };
}

/** An SQS event as the poller builds it. */
export function sqsEvent(orderIds: readonly string[], receiveCount = 1) {
  return { Records: orderIds.map((orderId) => polledMessage(orderId, receiveCount)) };
}

/** A queue that hands out the messages it is given, once each, and records deletes. */
export class ScriptedQueue implements PollableQueue {
  readonly name = 'orders-queue';
  readonly arn = 'arn:aws:sqs:us-east-1:000000000000:orders-queue';
  readonly deleted: string[] = [];
  readonly visibilityChanges: string[] = [];
  readonly waits: number[] = [];

  constructor(private readonly pending: PolledMessage[]) {}

  async receive(options: PollOptions): Promise<readonly PolledMessage[]> {
    this.waits.push(options.waitTimeMs);
    return this.pending.splice(0, options.maxNumberOfMessages);
  }

  delete(receiptHandle: string): void {
    this.deleted.push(receiptHandle);
  }

  changeVisibility(receiptHandle: string): void {
    this.visibilityChanges.push(receiptHandle);
  }
}

export const POLL: PollOptions = { maxNumberOfMessages: 10, waitTimeMs: 20_000, receiver: 'orders-fn' };

/**
 * A local cloud of the test assembly with every fault at `rate` (seed 7), on time scale 100.
 * Only injected timeouts count: a busy machine must not time functions out on its own.
 */
export async function startChaosCloud(rate = 0.05): Promise<{ cloud: LocalCloud; faults: FaultInjector }> {
  const faults = new FaultInjector(faultPlan({ seed: 7, rate }));
  const cloud = await startSagaTestCloud({
    timeScale: 100,
    minTimeoutWallMs: 30_000,
    faults,
  });
  return { cloud, faults };
}

/** The chaos cloud of one test file, set once its `beforeAll` has run. */
export interface ChaosCloud {
  readonly cloud: LocalCloud;
  readonly faults: FaultInjector;
}

/** A {@link startChaosCloud} cloud started before the file's tests and stopped after them. */
export function chaosCloudForFile(): ChaosCloud {
  const chaos = {} as { cloud: LocalCloud; faults: FaultInjector };
  beforeAll(async () => {
    Object.assign(chaos, await startChaosCloud());
  }, 120_000);
  afterAll(async () => {
    await chaos.cloud?.stop();
  });
  return chaos;
}

/**
 * Runs `orders` orders of one variant under the chaos cloud's faults and asserts what every
 * chaos run must show: no saga invariant broken, and every fault kind injected at least once.
 */
export async function runChaosKeepingInvariants(
  { cloud, faults }: ChaosCloud,
  variant: Variant,
  orders: number,
): Promise<ChaosReport> {
  const report = await runChaosOnLocalCloud(cloud, faults, { orders, variants: [variant], timeoutMs: 240_000 });
  const broken = report.variants.flatMap((result) => result.invariants.filter((invariant) => !invariant.holds));
  expect(broken).toEqual([]);
  for (const kind of FAULT_KINDS) expect({ kind, injected: report.faults[kind] > 0 }).toEqual({ kind, injected: true });
  return report;
}

/**
 * What `call` had settled with just before `timeoutMs` of AWS time passed on `clock` (nothing, for
 * a timeout that waits), and what it settled with once they had.
 */
export async function settledAroundTimeout<T>(
  clock: ManualClock,
  call: Promise<T>,
  timeoutMs: number,
): Promise<{ readonly justBefore: T | undefined; readonly after: T }> {
  let settled: T | undefined;
  const tracked = call.then((value) => (settled = value));
  await clock.advance(timeoutMs - 1_000);
  const justBefore = settled;
  await clock.advance(1_000);
  return { justBefore, after: await tracked };
}
