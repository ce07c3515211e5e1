import type { RuleState } from '../event-rule';
import type { RuleTarget } from '../rule-target';
import type { EventsOperation } from './events-operation';

/** PutRule, DescribeRule, ListRules, DeleteRule, Enable/DisableRule, targets. */
export const RULE_OPERATIONS: Record<string, EventsOperation> = {
  PutRule: (params, { bridge }) => {
    const rule = bridge.putRule({
      name: params.string('Name'),
      eventBusName: params.optionalString('EventBusName'),
      eventPattern: params.optionalString('EventPattern'),
      scheduleExpression: params.optionalString('ScheduleExpression'),
      state: params.optionalString('State') as RuleState | undefined,
      description: params.optionalString('Description'),
      roleArn: params.optionalString('RoleArn'),
    });
    return { RuleArn: rule.arn };
  },

  DescribeRule: (params, { bridge }) => ({
    ...bridge.getRule(params.optionalString('EventBusName'), params.string('Name')).describe(),
    CreatedBy: '000000000000',
  }),

  ListRules: (params, { bridge }) => {
    const bus = bridge.getEventBus(params.optionalString('EventBusName'));
    const prefix = params.optionalString('NamePrefix') ?? '';
    const limit = params.optionalInteger('Limit') ?? 100;
    return {
      Rules: [...bus.rules.values()]
        .filter((rule) => rule.name.startsWith(prefix))
        .slice(0, limit)
        .map((rule) => rule.describe()),
    };
  },

  DeleteRule: (params, { bridge }) => {
    bridge.deleteRule(params.optionalString('EventBusName'), params.string('Name'));
    return {};
  },

  EnableRule: (params, { bridge }) => {
    bridge.setRuleState(params.optionalString('EventBusName'), params.string('Name'), 'ENABLED');
    return {};
  },

  DisableRule: (params, { bridge }) => {
    bridge.setRuleState(params.optionalString('EventBusName'), params.string('Name'), 'DISABLED');
    return {};
  },

  PutTargets: (params, { bridge }) => {
    const targets = params.objectList('Targets', true).map((target) => target.raw as RuleTarget);
    bridge.putTargets(params.optionalString('EventBusName'), params.string('Rule'), targets);
    return { FailedEntryCount: 0, FailedEntries: [] };
  },

  RemoveTargets: (params, { bridge }) => {
    bridge.removeTargets(
      params.optionalString('EventBusName'),
      params.string('Rule'),
      params.optionalStringList('Ids') ?? [],
    );
    return { FailedEntryCount: 0, FailedEntries: [] };
  },

  ListTargetsByRule: (params, { bridge }) => {
    const rule = bridge.getRule(params.optionalString('EventBusName'), params.string('Rule'));
    return { Targets: [...rule.targets.values()] };
  },

  ListRuleNamesByTarget: (params, { bridge }) => {
    const targetArn = params.string('TargetArn');
    const bus = bridge.getEventBus(params.optionalString('EventBusName'));
    return {
      RuleNames: [...bus.rules.values()]
        .filter((rule) => [...rule.targets.values()].some((target) => target.Arn === targetArn))
        .map((rule) => rule.name),
    };
  },
};
