import type { FaultKind } from './fault-kind';
import type { FaultPlan } from './fault-plan';
import { seededFraction } from './seeded-hash';

/**
 * Seeded, reproducible fault decisions. Each question is about a stable key (a saga event id and
 * an attempt, not a random message id); asking about the same key again is the next occurrence,
 * with its own answer. So the same seed on the same workload gives the same faults whatever the
 * interleaving of concurrent deliveries.
 *
 * @example
 * const decider = new FaultDecider(faultPlan({ seed: 7 }));
 * if (decider.decide('duplicate-delivery', `${queue}|${eventId}|${receiveCount}`)) duplicate();
 */
export class FaultDecider {
  private readonly occurrences = new Map<string, number>();

  constructor(private readonly plan: Pick<FaultPlan, 'seed' | 'rates'>) {}

  /** Whether to inject `kind` for this occurrence of `key`, at the plan's rate. */
  decide(kind: FaultKind, key: string): boolean {
    return this.fraction(kind, key) < this.plan.rates[kind];
  }

  /**
   * Which of `kinds` to inject (at most one), for this occurrence of `key`: one draw split in
   * consecutive slices of the kinds' rates, so each keeps its own rate.
   */
  choose(kinds: readonly FaultKind[], key: string): FaultKind | undefined {
    const draw = this.fraction(kinds.join('+'), key);
    let upTo = 0;
    for (const kind of kinds) {
      upTo += this.plan.rates[kind];
      if (draw < upTo) return kind;
    }
    return undefined;
  }

  /** A number in [0, 1) for the next occurrence of `key` (delays, shuffles). */
  fraction(purpose: string, key: string): number {
    const scoped = `${purpose}|${key}`;
    const occurrence = this.occurrences.get(scoped) ?? 0;
    this.occurrences.set(scoped, occurrence + 1);
    return seededFraction(`${scoped}|${occurrence}`, this.plan.seed);
  }

  /** A seeded permutation of `items` (Fisher–Yates). */
  shuffle<T>(items: readonly T[], key: string): T[] {
    const shuffled = [...items];
    for (let index = shuffled.length - 1; index > 0; index--) {
      const other = Math.floor(this.fraction('shuffle', `${key}|${index}`) * (index + 1));
      [shuffled[index], shuffled[other]] = [shuffled[other] as T, shuffled[index] as T];
    }
    return shuffled;
  }
}
