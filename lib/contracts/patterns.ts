import type { EventContract } from './define-event';

/** An EventBridge event pattern, as the CDK's `EventPattern` and the local matcher accept it. */
export interface ContractEventPattern {
  readonly source: string[];
  readonly detailType: string[];
}

/**
 * The rule pattern that selects one contract's events: its source and detail type. The schema
 * version is deliberately not part of the pattern, so that an event of an unknown version still
 * reaches its consumer, which dead-letters it with the reason instead of it vanishing unmatched.
 */
export function eventPatternFor(contract: Pick<EventContract, 'source' | 'detailType'>): ContractEventPattern {
  return { source: [contract.source], detailType: [contract.detailType] };
}

/** The same pattern in EventBridge's JSON form (`detail-type`), as a template holds it. */
export function eventPatternJsonFor(contract: Pick<EventContract, 'source' | 'detailType'>): Record<string, string[]> {
  return { source: [contract.source], 'detail-type': [contract.detailType] };
}
