import type { EventRule, LocalEventBridge, RuleJournal, RuleTarget } from '../eventbridge';
import type { DurableStore } from './durable-store';

const RULE_PREFIX = 'events/rule/';

interface StoredRule {
  readonly name: string;
  readonly eventBusName: string;
  readonly eventPattern?: string;
  readonly scheduleExpression?: string;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly description?: string;
  readonly roleArn?: string;
  readonly targets: readonly RuleTarget[];
}

/**
 * EventBridge rules under `--data`: every rule (created through the API or from the template)
 * with its state and targets, put back at start, so rules and targets created through the API
 * survive a restart.
 */
export class RuleStore implements RuleJournal {
  constructor(private readonly store: DurableStore) {}

  ruleChanged(rule: EventRule): void {
    this.store.put(keyOf(rule), (): StoredRule => {
      const { name, eventBusName, eventPattern, scheduleExpression, state, description, roleArn } = rule.props;
      return {
        name,
        eventBusName,
        state,
        targets: [...rule.targets.values()],
        ...(eventPattern !== undefined ? { eventPattern } : {}),
        ...(scheduleExpression !== undefined ? { scheduleExpression } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(roleArn !== undefined ? { roleArn } : {}),
      };
    });
  }

  ruleDeleted(rule: EventRule): void {
    this.store.del(keyOf(rule));
  }

  /**
   * Puts back the kept rules and their targets (a rule whose bus is gone is forgotten).
   * @returns how many
   */
  async restore(eventBridge: LocalEventBridge): Promise<number> {
    let restored = 0;
    for (const [key, value] of await this.store.load(RULE_PREFIX)) {
      const stored = value as StoredRule;
      if (!eventBridge.findEventBus(stored.eventBusName)) {
        this.store.del(key);
        continue;
      }
      eventBridge.putRule(stored);
      const rule = eventBridge.getRule(stored.eventBusName, stored.name);
      const kept = new Set(stored.targets.map((target) => target.Id));
      const gone = [...rule.targets.keys()].filter((id) => !kept.has(id));
      if (gone.length > 0) eventBridge.removeTargets(stored.eventBusName, stored.name, gone);
      if (stored.targets.length > 0) eventBridge.putTargets(stored.eventBusName, stored.name, stored.targets);
      restored++;
    }
    return restored;
  }
}

function keyOf(rule: EventRule): string {
  return `${RULE_PREFIX}${rule.props.eventBusName}/${rule.props.name}`;
}
