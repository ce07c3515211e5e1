import { join } from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '../../lib/contracts';
import type { SagaService } from '../../functions/shared/saga-service';

const FUNCTIONS_ROOT = join(__dirname, '..', '..', 'functions');

/**
 * The definition of a service (`functions/<service>/definition.ts`, the export whose `name` is
 * the service), found by convention so that tests cover a service added to SERVICE_NAMES
 * without being edited.
 */
export function serviceDefinition(service: ServiceName): SagaService {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(FUNCTIONS_ROOT, service, 'definition')) as Record<string, unknown>;
  const definition = Object.values(module).find(
    (value): value is SagaService =>
      typeof value === 'object' && value !== null && (value as Partial<SagaService>).name === service,
  );
  if (!definition) throw new Error(`functions/${service}/definition.ts exports no service named '${service}'`);
  return definition;
}

/** Every service's definition, in SERVICE_NAMES order. */
export function allServiceDefinitions(): readonly SagaService[] {
  return SERVICE_NAMES.map(serviceDefinition);
}
