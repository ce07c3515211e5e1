import type { AwsPrices } from './aws-prices';

/**
 * The modelled AWS cost of running the saga, per 1,000,000 orders, from quantities measured on
 * the local cloud. Pure: the same usage and prices always give the same cost.
 */

/** The three ways the saga can be deployed and billed. */
export type Deployment = 'choreography' | 'standard' | 'express';
export const DEPLOYMENTS: readonly Deployment[] = ['choreography', 'standard', 'express'];

/** What a batch of orders used, in billable quantities (measured, not modelled). */
export interface BillableUsage {
  /** Orders in the batch: every figure below is for all of them. */
  readonly orders: number;
  /** Custom events put on the bus. */
  readonly eventsPublished: number;
  /** Size of an event entry; each started 64 KB chunk bills as one event. */
  readonly eventPayloadBytes: number;
  /**
   * SQS API requests: one per message sent, received and deleted. At the traffic of a million
   * orders a month (one order every ~2.6 s) Lambda's pollers receive one message per batch,
   * so batching does not lower this.
   */
  readonly sqsRequests: number;
  /** Size of a message; each started 64 KB chunk bills as one request. */
  readonly sqsPayloadBytes: number;
  /** Each function's memory and the duration of each of its invocations, in ms. */
  readonly functions: readonly { readonly memorySizeMb: number; readonly durationsMs: readonly number[] }[];
  /** Standard workflows: state transitions (retries included). */
  readonly stateTransitions: number;
  /** Express workflows: the duration of each execution, in ms. */
  readonly executionDurationsMs: readonly number[];
  /**
   * Memory an Express execution is billed for.
   * @default 64 - the smallest chunk; the saga's payloads are a few KB
   */
  readonly expressMemoryMb?: number;
}

/** USD per 1,000,000 orders, by line of the bill. */
export interface CostBreakdown {
  readonly eventBridge: number;
  readonly sqs: number;
  readonly lambdaRequests: number;
  readonly lambdaDuration: number;
  readonly stepFunctions: number;
  readonly total: number;
}

const MILLION = 1_000_000;
const MB_PER_GB = 1024;

/** Chunks a payload bills as (at least one). */
export function chunksOf(bytes: number, chunkBytes: number): number {
  return Math.max(1, Math.ceil(bytes / chunkBytes));
}

/** `value` rounded up to a whole number of `increment`, and at least one increment. */
export function roundUpTo(value: number, increment: number): number {
  return Math.max(increment, Math.ceil(value / increment) * increment);
}

/**
 * Prices a batch's usage as one deployment would be billed, scaled to a million orders.
 * `choreography` bills events, SQS and Lambda; `standard` adds state transitions; `express`
 * adds one request per execution and its duration (64 MB chunks × 100 ms increments).
 *
 * @example
 * costPerMillionOrders(usage, loadAwsPrices(), 'express').total
 */
export function costPerMillionOrders(usage: BillableUsage, prices: AwsPrices, deployment: Deployment): CostBreakdown {
  if (!(usage.orders > 0)) throw new RangeError(`usage must cover at least one order, got '${usage.orders}'`);
  const p = prices.prices;
  const billing = prices.billing;
  const perMillionOrders = MILLION / usage.orders;

  const eventBridge =
    usage.eventsPublished *
    chunksOf(usage.eventPayloadBytes, billing.eventBridgeChunkBytes) *
    perMillionOrders *
    (p.eventBridgeCustomEventsPerMillion.usd / MILLION);
  const sqs =
    usage.sqsRequests *
    chunksOf(usage.sqsPayloadBytes, billing.sqsChunkBytes) *
    perMillionOrders *
    (p.sqsStandardRequestsPerMillion.usd / MILLION);

  let invocations = 0;
  let gbSeconds = 0;
  for (const fn of usage.functions) {
    invocations += fn.durationsMs.length;
    const billedMs = fn.durationsMs.reduce((sum, ms) => sum + roundUpTo(ms, billing.lambdaBilledIncrementMs), 0);
    gbSeconds += (fn.memorySizeMb / MB_PER_GB) * (billedMs / 1000);
  }
  const lambdaRequests = invocations * perMillionOrders * (p.lambdaArmRequestsPerMillion.usd / MILLION);
  const lambdaDuration = gbSeconds * perMillionOrders * p.lambdaArmGbSecond.usd;

  let stepFunctions = 0;
  if (deployment === 'standard') {
    stepFunctions =
      usage.stateTransitions * perMillionOrders * (p.stepFunctionsStandardPerThousandTransitions.usd / 1000);
  } else if (deployment === 'express') {
    const memoryMb = roundUpTo(usage.expressMemoryMb ?? billing.expressMemoryChunkMb, billing.expressMemoryChunkMb);
    const expressGbSeconds = usage.executionDurationsMs.reduce(
      (sum, ms) => sum + (memoryMb / MB_PER_GB) * (roundUpTo(ms, billing.expressBilledIncrementMs) / 1000),
      0,
    );
    stepFunctions =
      usage.executionDurationsMs.length * perMillionOrders * (p.stepFunctionsExpressRequestsPerMillion.usd / MILLION) +
      expressGbSeconds * perMillionOrders * p.stepFunctionsExpressGbSecond.usd;
  }
  return {
    eventBridge,
    sqs,
    lambdaRequests,
    lambdaDuration,
    stepFunctions,
    total: eventBridge + sqs + lambdaRequests + lambdaDuration + stepFunctions,
  };
}
