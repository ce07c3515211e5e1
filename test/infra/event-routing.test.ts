import {
  busName,
  DETAIL_TYPES,
  EVENT_CONTRACTS,
  SERVICE_NAMES,
  type DetailType,
  type EventContract,
  type EventContracts,
  type Party,
} from '../../lib/contracts';
import { compileEventPattern, type CompiledEventPattern } from '../../lib/local/eventbridge/pattern';
import { allStatements, asList, buildTestApp, CONTEXTS, resourcesOf, type BuiltApp } from './app-builder';
import { EVENT_DOCUMENTATION } from '../../lib/contracts/event-documentation';

/** Consumers the contracts declare outside this project: they subscribe in their own accounts. */
const EXTERNAL_PARTIES: readonly Party[] = ['storefront', 'analytics'];
const ACCOUNT = '111122223333';

interface SynthesizedRule {
  readonly stack: string;
  readonly logicalId: string;
  readonly pattern: CompiledEventPattern;
}

let built: BuiltApp;
let rules: SynthesizedRule[];

/** An event as EventBridge would deliver it for a contract, from its example data. */
function sampleEventOf(contract: EventContracts[DetailType]) {
  return {
    version: '0',
    account: '999988887777',
    region: 'eu-west-1',
    source: contract.source,
    'detail-type': contract.detailType,
    detail: { data: EVENT_DOCUMENTATION[contract.detailType].exampleData },
  };
}

/**
 * Who can put a contract's event on the bus: `external` for a party outside this project, else
 * the service whose function is allowed PutEvents under the contract's source.
 */
function publisherOf(contract: EventContract): string | undefined {
  if (EXTERNAL_PARTIES.includes(contract.producer)) {
    return 'external';
  }
  const granted = allStatements(built.templates).filter(
    ({ statement }) =>
      asList(statement['Action'] as string | string[]).includes('events:PutEvents') &&
      (statement['Condition'] as { StringEquals?: Record<string, string> } | undefined)?.StringEquals?.[
        'events:source'
      ] === contract.source,
  );
  return SERVICE_NAMES.find((service) =>
    granted.some(({ stack }) => stack === built.stacks.services[service].stackName),
  );
}

beforeAll(() => {
  built = buildTestApp(CONTEXTS.production);
  rules = [...built.templates].flatMap(([stack, template]) =>
    resourcesOf(template, 'AWS::Events::Rule')
      .filter(([, rule]) => rule.Properties?.['EventBusName'] === busName('choreography') || stack.endsWith('-Bus'))
      // Stand a fixed account in for the AWS::AccountId reference of the audit rule.
      .map(([logicalId, rule]) => ({
        stack,
        logicalId,
        pattern: compileEventPattern(
          JSON.parse(
            JSON.stringify(rule.Properties?.['EventPattern']).replaceAll('{"Ref":"AWS::AccountId"}', `"${ACCOUNT}"`),
          ),
        ),
      })),
  );
});

describe('the synthesized rules against the event contracts', () => {
  it('finds one rule per consumer subscription, plus the audit rule', () => {
    const subscriptions = Object.values(EVENT_CONTRACTS).flatMap((c) =>
      c.consumers.filter((p) => SERVICE_NAMES.includes(p as never)),
    );
    expect(rules).toHaveLength(subscriptions.length + 1);
  });

  it.each(DETAIL_TYPES)('%s has a producer and reaches every consumer the contract names', (detailType) => {
    const contract = EVENT_CONTRACTS[detailType];
    expect(publisherOf(contract)).toBe(EXTERNAL_PARTIES.includes(contract.producer) ? 'external' : contract.producer);
    expect(contract.consumers.length).toBeGreaterThan(0);

    const event = sampleEventOf(contract);
    const reachedStacks = rules
      .filter((rule) => !rule.stack.endsWith('-Bus') && rule.pattern.matches(event))
      .map((rule) => rule.stack);
    const internalConsumers = contract.consumers.filter((party) => !EXTERNAL_PARTIES.includes(party));
    expect(reachedStacks.sort()).toEqual(
      internalConsumers
        .map((service) => built.stacks.services[service as (typeof SERVICE_NAMES)[number]].stackName)
        .sort(),
    );
    const externalOnly = internalConsumers.length === 0;
    expect(
      externalOnly ? contract.consumers.every((party) => EXTERNAL_PARTIES.includes(party)) : reachedStacks.length > 0,
    ).toBe(true);
  });

  it('has no rule that selects no contract event', () => {
    const samples = Object.values(EVENT_CONTRACTS).map(sampleEventOf);
    const idle = rules.filter((rule) => !samples.some((event) => rule.pattern.matches(event)));
    expect(idle.map(({ stack, logicalId }) => `${stack}/${logicalId}`)).toEqual([]);
  });

  it('audits every contract event', () => {
    const audit = rules.filter((rule) => rule.stack.endsWith('-Bus'));
    expect(audit).toHaveLength(1);
    for (const contract of Object.values(EVENT_CONTRACTS)) {
      expect([contract.detailType, audit[0]?.pattern.matches(sampleEventOf(contract))]).toEqual([
        contract.detailType,
        true,
      ]);
    }
  });

  it('delivers no event to a service the contract does not name', () => {
    const stray = rules
      .filter((rule) => !rule.stack.endsWith('-Bus'))
      .flatMap((rule) => {
        const service = SERVICE_NAMES.find((s) => built.stacks.services[s].stackName === rule.stack);
        return Object.values(EVENT_CONTRACTS)
          .filter(
            (contract) =>
              rule.pattern.matches(sampleEventOf(contract)) && !contract.consumers.includes(service as Party),
          )
          .map((contract) => `${contract.detailType} → ${service}`);
      });
    expect(stray).toEqual([]);
  });
});
