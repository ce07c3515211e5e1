import type { EventArchive } from './event-archive';
import type { EventRule } from './event-rule';
import { RuleIndex, withDottedKeysExpanded } from './pattern';

/**
 * One event bus: its rules (patterns compiled once into a `RuleIndex`) and the archives that
 * record its events.
 */
export class LocalEventBus {
  readonly rules = new Map<string, EventRule>();
  readonly index = new RuleIndex<EventRule>();
  readonly archives = new Map<string, EventArchive>();

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly createdAt: number,
    public description?: string,
  ) {}

  /** The enabled rules whose pattern matches the event, in the order they were put. */
  matchingRules(event: unknown): EventRule[] {
    return this.index.match(withDottedKeysExpanded(event)).filter((rule) => rule.enabled);
  }

  /** DescribeEventBus / ListEventBuses output. */
  describe(): Record<string, unknown> {
    return {
      Name: this.name,
      Arn: this.arn,
      ...(this.description !== undefined ? { Description: this.description } : {}),
      CreationTime: this.createdAt / 1000,
      LastModifiedTime: this.createdAt / 1000,
    };
  }
}
