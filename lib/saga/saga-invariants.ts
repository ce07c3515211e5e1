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
    description: 'no message is left visible or in flight in a consumer queue (deadline timers aside)',
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
        if (reservation.status === 'FAILED' || reservation.status === 'VOIDED') continue;
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
    name: 'no charge without confirmation or refund',
    description:
      'every order charged and not refunded is CONFIRMED, and every CONFIRMED order was charged and not refunded',
    check: (snapshot) => {
      const statusOf = new Map(snapshot.orders.map((order) => [order.orderId, order.status]));
      const charged = new Set(
        snapshot.charges.filter((charge) => charge.status === 'CHARGED').map((charge) => charge.orderId),
      );
      const chargedNotConfirmed = [...charged]
        .filter((orderId) => statusOf.get(orderId) !== 'CONFIRMED')
        .map((orderId) => `${orderId}: charged but ${statusOf.get(orderId) ?? 'unknown'} and not refunded`);
      const confirmedNotCharged = snapshot.orders
        .filter((order) => order.status === 'CONFIRMED' && !charged.has(order.orderId))
        .map((order) => `${order.orderId}: CONFIRMED but never charged (or refunded)`);
      return [...chargedNotConfirmed, ...confirmedNotCharged];
    },
  },
  {
    name: 'order, reservation and charge agree',
    description:
      'a reservation that holds stock and a charge that stands are for what the order records: the same lines, amount and currency',
    check: (snapshot) => disagreements(snapshot),
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

/**
 * Orders whose standing reservation (RESERVED) or standing charge (CHARGED) is for other content
 * than the order records: "confirmed as 1 laptop at €1,499, charged €9 for a cable". A released
 * reservation or a refunded charge holds nothing, so it cannot disagree.
 */
export function disagreements(snapshot: Pick<SagaSnapshot, 'orders' | 'reservations' | 'charges'>): string[] {
  const orders = new Map(snapshot.orders.map((order) => [order.orderId, order]));
  const problems: string[] = [];
  const describe = (lines: readonly { sku: string; quantity: number }[]) =>
    [...lines]
      .sort((a, b) => a.sku.localeCompare(b.sku))
      .map((line) => `${line.quantity}×${line.sku}`)
      .join(',');
  for (const reservation of snapshot.reservations) {
    const content = orders.get(reservation.orderId)?.content;
    if (reservation.status !== 'RESERVED' || !content) continue;
    const ordered = describe(content.lines);
    const reserved = describe(reservation.lines);
    const amount = content.lines.reduce((sum, line) => sum + line.quantity * (line.unitPrice ?? 0), 0);
    if (ordered !== reserved) problems.push(`${reservation.orderId}: ordered ${ordered}, reserved ${reserved}`);
    else if (reservation.amount !== undefined && reservation.amount !== amount)
      problems.push(`${reservation.orderId}: ordered for ${amount}, reserved for ${reservation.amount}`);
    else if (reservation.currency !== undefined && reservation.currency !== content.currency)
      problems.push(`${reservation.orderId}: ordered in ${content.currency}, reserved in ${reservation.currency}`);
  }
  for (const charge of snapshot.charges) {
    const content = orders.get(charge.orderId)?.content;
    if (charge.status !== 'CHARGED' || !content) continue;
    const amount = content.lines.reduce((sum, line) => sum + line.quantity * (line.unitPrice ?? 0), 0);
    if (charge.amount !== amount || (charge.currency !== undefined && charge.currency !== content.currency)) {
      problems.push(
        `${charge.orderId}: ordered for ${amount} ${content.currency}, charged ${charge.amount} ${charge.currency ?? ''}`.trim(),
      );
    } else if (charge.lines && describe(charge.lines) !== describe(content.lines)) {
      problems.push(`${charge.orderId}: ordered ${describe(content.lines)}, charged for ${describe(charge.lines)}`);
    }
  }
  return problems;
}
