import type { EventPattern } from 'aws-cdk-lib/aws-events';
import { SOURCES } from '../../contracts';
import { InvalidInfraConfigError } from '../infra-errors';

/**
 * The namespace every shop source shares, read from the contracts' SOURCES (`shop.`), so a new
 * source is audited and archived without touching the infrastructure.
 */
export function shopSourcePrefix(sources: readonly string[] = Object.values(SOURCES)): string {
  const [first, ...rest] = sources;
  if (first === undefined) {
    throw new InvalidInfraConfigError("sources must not be empty, got '[]'");
  }
  let common = first;
  for (const source of rest) {
    while (!source.startsWith(common)) {
      common = common.slice(0, -1);
    }
  }
  // Cut back to the last dot: `shop.` must not shrink to `shop.o` when every source starts with `shop.o`.
  const prefix = common.slice(0, common.lastIndexOf('.') + 1);
  if (prefix === '') {
    throw new InvalidInfraConfigError(`sources share no dotted namespace, got '${sources.join(', ')}'`);
  }
  return prefix;
}

/** The EventBridge `$or` operator, which the CDK's `EventPattern` type does not name. */
type EventPatternWithOr = EventPattern & { readonly $or: readonly Record<string, unknown>[] };

/**
 * Every event of the shop: anything this account put on the bus, or anything with a shop
 * source (a storefront in another account included). Used by the archive and the audit rule.
 */
export function allShopEventsPattern(account: string): EventPattern {
  const pattern: EventPatternWithOr = {
    $or: [{ account: [account] }, { source: [{ prefix: shopSourcePrefix() }] }],
  };
  return pattern;
}
