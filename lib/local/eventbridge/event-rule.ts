import type { CompiledEventPattern } from './pattern';
import type { RuleTarget } from './rule-target';
import { definedMembers } from '../defined-members';

/** ENABLED rules deliver; DISABLED rules keep their targets but match nothing. */
export type RuleState = 'ENABLED' | 'DISABLED';

export interface EventRuleProps {
  readonly name: string;
  readonly arn: string;
  readonly eventBusName: string;
  /** The pattern as given (JSON text), echoed by DescribeRule. */
  readonly eventPattern?: string;
  readonly compiledPattern?: CompiledEventPattern;
  /** `rate(...)` or `cron(...)`, default bus only; fired on the local clock (ScheduleRuleRunner). */
  readonly scheduleExpression?: string;
  readonly state: RuleState;
  readonly description?: string;
  readonly roleArn?: string;
}

/** One rule on one bus, with its targets in the order they were put. */
export class EventRule {
  readonly targets = new Map<string, RuleTarget>();

  constructor(public props: EventRuleProps) {}

  get name(): string {
    return this.props.name;
  }

  get arn(): string {
    return this.props.arn;
  }

  get enabled(): boolean {
    return this.props.state === 'ENABLED';
  }

  /** DescribeRule / ListRules output. */
  describe(): Record<string, unknown> {
    const { name, arn, eventBusName, eventPattern, scheduleExpression, state, description, roleArn } = this.props;
    return {
      Name: name,
      Arn: arn,
      EventBusName: eventBusName,
      ...definedMembers({ EventPattern: eventPattern, ScheduleExpression: scheduleExpression }),
      State: state,
      ...definedMembers({ Description: description, RoleArn: roleArn }),
    };
  }
}
