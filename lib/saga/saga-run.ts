import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildOrderPlaced } from '../../functions/shared/event-builder';
import { EventPublisher } from '../../functions/shared/publisher';
import { busName, EVENT_CONTRACTS, SERVICE_NAMES, type Variant } from '../contracts';
import { generateOrders, type GeneratedOrder, type OrderMix } from '../seed/order-generator';
import { SEED_CUSTOMERS, SEED_STOCK, type StockSeed } from '../seed/seed-data';
import { seedTables } from '../seed/seed-tables';
import type { LocalCloud } from '../local/local-cloud';
import { deadLetterReasonOf, readSagaSnapshot } from './read-saga-snapshot';
import { allInvariantsHold, checkSagaInvariants, type InvariantResult } from './saga-invariants';
import type { DeadLetterState, SagaSnapshot } from './saga-snapshot';

/** Credentials of the client that places orders: it is not a function, so its calls are `client` calls. */
export const STOREFRONT_CREDENTIALS = { accessKeyId: 'choreo-storefront', secretAccessKey: 'local' } as const;

export interface SagaRunOptions {
  readonly variant: Variant;
  readonly orders: number;
  /** @default 1 */
  readonly seed?: number;
  /** @default the generator's default mix */
  readonly mix?: OrderMix;
  /** Publish the first order a second time (a client retry): the saga must not act twice. @default true */
  readonly duplicatePublish?: boolean;
  /** Publish one OrderPlaced whose detail breaks the contract: it must end in the DLQs. @default true */
  readonly poisonMessage?: boolean;
  /** @default SEED_STOCK */
  readonly stock?: readonly StockSeed[];
  /** Called as orders reach a terminal state. */
  readonly onProgress?: (terminalOrders: number, totalOrders: number) => void;
  /** @default 300000 */
  readonly timeoutMs?: number;
}

export interface SagaRunResult {
  readonly variant: Variant;
  readonly orders: readonly GeneratedOrder[];
  readonly snapshot: SagaSnapshot;
  readonly invariants: readonly InvariantResult[];
  readonly invariantsHold: boolean;
  /** Wall milliseconds from the first publish until the cloud was quiet. */
  readonly wallMs: number;
}

/** SDK clients pointed at a local cloud, signing as the storefront. */
export function localClients(cloud: LocalCloud) {
  const config = { endpoint: cloud.endpointUrl, region: cloud.model.region, credentials: STOREFRONT_CREDENTIALS };
  return {
    eventBridge: new EventBridgeClient(config),
    documentClient: DynamoDBDocumentClient.from(new DynamoDBClient(config), {
      marshallOptions: { removeUndefinedValues: true },
    }),
  };
}

/**
 * Runs a batch of orders through one variant of the saga on a local cloud, through the stock
 * SDK: seeds the tables, publishes the orders (plus a duplicate publish and a poison message),
 * waits until the cloud is quiet, and checks the saga invariants.
 */
export async function runSagaOnLocalCloud(cloud: LocalCloud, options: SagaRunOptions): Promise<SagaRunResult> {
  const { eventBridge, documentClient } = localClients(cloud);
  const stock = options.stock ?? SEED_STOCK;
  const eventBusName = busName(options.variant);
  await seedTables({ documentClient, variant: options.variant, stock, customers: SEED_CUSTOMERS });

  const orders = generateOrders({ count: options.orders, seed: options.seed ?? 1, mix: options.mix, stock });
  const publisher = new EventPublisher({ client: eventBridge, eventBusName });
  const started = Date.now();
  const events = orders.map((order) => buildOrderPlaced(order.data));
  if ((options.duplicatePublish ?? true) && events[0]) events.push(events[0]);
  for (let index = 0; index < events.length; index += 10) {
    await publisher.publish(events.slice(index, index + 10));
  }
  const expectedPoisonMessages = (options.poisonMessage ?? true) ? poisonMessageFailures(options.variant) : 0;
  if (expectedPoisonMessages > 0) await publishPoisonMessage(eventBridge, eventBusName);

  const orderIds = new Set(orders.map((order) => order.data.orderId));
  const terminal = new Set<string>();
  const stopCounting = cloud.trace.subscribe((event) => {
    if (
      event.kind === 'event.put' &&
      (event.detailType === 'OrderConfirmed' || event.detailType === 'OrderCancelled') &&
      event.correlationId &&
      orderIds.has(event.correlationId) &&
      busName(options.variant) === event.bus
    ) {
      terminal.add(event.correlationId);
      options.onProgress?.(terminal.size, orderIds.size);
    }
  });
  try {
    // Each order's deadline message waits, delayed, long after the order ended: not work left.
    await cloud.whenQuiet({ timeoutMs: options.timeoutMs ?? 300_000, ignoreDelayedMessages: true });
  } finally {
    stopCounting();
  }
  const wallMs = Date.now() - started;

  const snapshot = await readSagaSnapshot({
    documentClient,
    variant: options.variant,
    initialStock: stock,
    publishedOrderIds: [...orderIds],
    expectedPoisonMessages,
    deadLetters: deadLettersOf(cloud, options.variant),
    messagesInFlight: messagesInFlightOf(cloud),
  });
  const invariants = checkSagaInvariants(snapshot);
  eventBridge.destroy();
  documentClient.destroy();
  return {
    variant: options.variant,
    orders,
    snapshot,
    invariants,
    invariantsHold: allInvariantsHold(invariants),
    wallMs,
  };
}

/**
 * Where one poison OrderPlaced must end: in the DLQ of each service that consumes it
 * (choreography), or as one failed execution of the workflow (orchestration).
 */
function poisonMessageFailures(variant: Variant): number {
  if (variant === 'orchestration') return 1;
  return SERVICE_NAMES.filter((service) =>
    (EVENT_CONTRACTS.OrderPlaced.consumers as readonly string[]).includes(service),
  ).length;
}

/** An OrderPlaced whose detail breaks the contract: every consumer must dead-letter it with the reason. */
async function publishPoisonMessage(eventBridge: EventBridgeClient, eventBusName: string): Promise<void> {
  await eventBridge.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: eventBusName,
          Source: EVENT_CONTRACTS.OrderPlaced.source,
          DetailType: EVENT_CONTRACTS.OrderPlaced.detailType,
          Detail: JSON.stringify({ bogus: true, note: 'a poison message: no metadata, no data' }),
        },
      ],
    }),
  );
}

/**
 * What a variant could not process: messages in the DLQs of its queues (read without consuming
 * them) and, for state machines, failed executions with their error and cause.
 */
export function deadLettersOf(cloud: LocalCloud, variant: Variant): DeadLetterState[] {
  const prefix = `${busName(variant)}-`;
  const failedExecutions = cloud.stepFunctions
    .stateMachines()
    .filter((stateMachine) => stateMachine.name.startsWith(prefix))
    .flatMap((stateMachine) => cloud.stepFunctions.listExecutions(stateMachine.arn, 'FAILED'))
    .map((execution) => ({
      queue: `execution:${execution.stateMachineName}`,
      messageId: execution.executionArn,
      body: execution.input,
      reason: `${execution.error ?? 'States.Failed'}: ${readableCause(execution.cause)}`.trim(),
    }));
  const queued = Object.entries(cloud.sqs.deadLetterContents())
    .filter(([queue]) => queue.startsWith(prefix) || !queue.includes('shop-'))
    .flatMap(([queue, messages]) =>
      messages.map((message) => ({
        queue,
        messageId: message.messageId,
        body: message.body,
        reason: deadLetterReasonOf(message),
      })),
    );
  return [...queued, ...failedExecutions];
}

/**
 * Messages still waiting in (or being processed from) consumer queues. Delayed messages are not
 * counted: they are timers set for later (each order's deadline message), not work left undone.
 */
export function messagesInFlightOf(cloud: LocalCloud): number {
  const deadLetterQueues = cloud.deadLetterQueueNames;
  return cloud.sqs
    .stats()
    .filter((queue) => !deadLetterQueues.has(queue.name))
    .reduce((sum, queue) => sum + queue.visible + queue.inFlight, 0);
}

/**
 * A failed execution's cause as a person reads it: a Lambda task's error (`{ errorType,
 * errorMessage, trace }`, which the workflow's Fail states pass on) without its stack trace.
 */
export function readableCause(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as { errorType?: unknown; errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') {
      return typeof parsed.errorType === 'string' ? `${parsed.errorType}: ${parsed.errorMessage}` : parsed.errorMessage;
    }
  } catch {
    // Not JSON: a cause written by hand, shown as it is.
  }
  return cause;
}
