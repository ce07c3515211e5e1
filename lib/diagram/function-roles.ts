import { RUNTIME_ENV, SERVICE_NAMES, type EventContract } from '../contracts';
import type { FunctionModel } from '../local/assembly';

/**
 * The service a function runs: its `POWERTOOLS_SERVICE_NAME`, else the party of the contracts
 * (`orders`, `storefront`...) that its name ends with or contains as a dash-separated part.
 */
export function serviceOf(fn: FunctionModel, contracts: readonly EventContract[] = []): string | undefined {
  const declared = fn.environment[RUNTIME_ENV.serviceName];
  if (declared !== undefined && declared !== '') return declared;
  const parties = new Set<string>([
    ...SERVICE_NAMES,
    ...contracts.flatMap((contract) => [contract.producer, ...contract.consumers]),
  ]);
  const parts = fn.name.split('-');
  for (let index = parts.length - 1; index >= 0; index -= 1) {
    const part = parts[index]!;
    if (parties.has(part)) return part;
  }
  return undefined;
}

/**
 * The bus a function publishes to: its `EVENT_BUS_NAME` (a name or an event bus ARN). A function
 * without one cannot publish, whatever its service produces.
 */
export function publishedBusOf(fn: FunctionModel): string | undefined {
  const value = fn.environment[RUNTIME_ENV.eventBusName];
  if (value === undefined || value === '') return undefined;
  const fromArn = /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(value)?.[1];
  return fromArn ?? value;
}
