import { lostEvents, unexplainedDeadLetters } from './delivery-invariants';
import type { SagaSnapshot } from './saga-snapshot';

/** One invariant of the saga and whether it held. */
export interface InvariantResult {
  readonly name: string;
  readonly description: string;
  readonly holds: boolean;
  /** What broke it, naming the orders (or SKUs, or messages) concerned; empty when it holds. */
  readonly violations: readonly string[];
}

type InvariantCheck = (snapshot: SagaSnapshot) => string[];

interface Invariant {
  readonly name: string;
  readonly description: string;
  readonly check: InvariantCheck;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  }
  return counts;
}

const INVARIANTS: readonly Invariant[] = [
  {
    name: 'queues drained',
    description: 'no message is left visible, in flight or delayed in a consumer queue',
    check: (snapshot) =>
      snapshot.messagesInFlight === 0 ? [] : [`${snapshot.messagesInFlight} message(s) still in consumer queues`],
  },
  {
    name: 'every order terminal',
    description: 'every published order ends CONFIRMED or CANCELLED, exactly once in the orders table',
    check: (snapshot) => {
      const byId = countBy(snapshot.orders, (order) => order.orderId);
      const statusOf = new Map(snapshot.orders.map((order) => [order.orderId, order.status]));
      return snapshot.publishedOrderIds.flatMap((orderId) => {
        const count = byId.get(orderId) ?? 0;
        if (count === 0) return [`${orderId}: not in the orders table`];
        if (count > 1) return [`${orderId}: recorded ${count} times`];
        const status = statusOf.get(orderId);
        return status === 'PENDING' ? [`${orderId}: still PENDING`] : [];
      });
    },
  },
  {
    name: 'stock conserved',
    description: 'for every SKU, initial − reserved + released = current, and never negative',
    check: (snapshot) => {
      const reserved = new Map<string, number>();
      const released = new Map<string, number>();
      for (const reservation of snapshot.reservations) {
        if (reservation.status === 'FAILED') continue;
        for (const line of reservation.lines) {
          reserved.set(line.sku, (reserved.get(line.sku) ?? 0) + line.quantity);
          if (reservation.status === 'RELEASED') {
            released.set(line.sku, (released.get(line.sku) ?? 0) + line.quantity);
          }
        }
      }
      return snapshot.stock.flatMap((item) => {
        const expected = item.initial - (reserved.get(item.sku) ?? 0) + (released.get(item.sku) ?? 0);
        const problems: string[] = [];
        if (item.current < 0) problems.push(`${item.sku}: stock is negative (${item.current})`);
        if (expected !== item.current) {
          problems.push(`${item.sku}: expected ${expected} (initial ${item.initial}), found ${item.current}`);
        }
        return problems;
      });
    },
  },
  {
    name: 'no double charge',
    description: 'no order is charged more than once',
    check: (snapshot) =>
      [
        ...countBy(
          snapshot.charges.filter((charge) => charge.status === 'CHARGED'),
          (charge) => charge.orderId,
        ),
      ]
        .filter(([, count]) => count > 1)
        .map(([orderId, count]) => `${orderId}: charged ${count} times`),
  },
  {
    name: 'charges only for confirmed orders',
    description: 'every charged order is CONFIRMED, and every CONFIRMED order was charged',
    check: (snapshot) => {
      const statusOf = new Map(snapshot.orders.map((order) => [order.orderId, order.status]));
      const charged = new Set(
        snapshot.charges.filter((charge) => charge.status === 'CHARGED').map((charge) => charge.orderId),
      );
      const chargedNotConfirmed = [...charged]
        .filter((orderId) => statusOf.get(orderId) !== 'CONFIRMED')
        .map((orderId) => `${orderId}: charged but ${statusOf.get(orderId) ?? 'unknown'}`);
      const confirmedNotCharged = snapshot.orders
        .filter((order) => order.status === 'CONFIRMED' && !charged.has(order.orderId))
        .map((order) => `${order.orderId}: CONFIRMED but never charged`);
      return [...chargedNotConfirmed, ...confirmedNotCharged];
    },
  },
  {
    name: 'one notification per order',
    description: 'every terminal order has exactly one notification, and no other order has any',
    check: (snapshot) => {
      const counts = countBy(snapshot.notifications, (notification) => notification.orderId);
      const terminal = snapshot.orders.filter((order) => order.status !== 'PENDING');
      const problems = terminal
        .filter((order) => (counts.get(order.orderId) ?? 0) !== 1)
        .map((order) => `${order.orderId}: ${counts.get(order.orderId) ?? 0} notifications`);
      const terminalIds = new Set(terminal.map((order) => order.orderId));
      for (const orderId of counts.keys()) {
        if (!terminalIds.has(orderId)) problems.push(`${orderId}: notified but not terminal`);
      }
      return problems;
    },
  },
  {
    name: 'poison messages dead-lettered',
    description: 'every message no consumer could process is in a DLQ, with its reason when a handler rejected it',
    check: (snapshot) => {
      const problems: string[] = [];
      if (snapshot.deadLetters.length < snapshot.expectedPoisonMessages) {
        problems.push(
          `expected at least ${snapshot.expectedPoisonMessages} dead letter(s), found ${snapshot.deadLetters.length}`,
        );
      }
      return problems;
    },
  },
];

/** Invariants read from the trace: checked only when the snapshot carries one. */
const DELIVERY_INVARIANTS: readonly Invariant[] = [
  {
    name: 'no event lost',
    description: "every event a rule matched reached each of the rule's targets, or the target's DLQ",
    check: (snapshot) => lostEvents(snapshot.trace ?? [], snapshot.ruleTargets),
  },
  {
    name: 'dead letters explained',
    description:
      'every DLQ message carries the reason its handler rejected it, or the trace shows its last error before retries ran out',
    check: (snapshot) => unexplainedDeadLetters(snapshot),
  },
];

/** Checks every saga invariant against a snapshot (the delivery ones too when it has a trace); pure. */
export function checkSagaInvariants(snapshot: SagaSnapshot): InvariantResult[] {
  const invariants = snapshot.trace ? [...INVARIANTS, ...DELIVERY_INVARIANTS] : INVARIANTS;
  return invariants.map((invariant) => {
    const violations = invariant.check(snapshot);
    return { name: invariant.name, description: invariant.description, holds: violations.length === 0, violations };
  });
}

export function allInvariantsHold(results: readonly InvariantResult[]): boolean {
  return results.every((result) => result.holds);
}
