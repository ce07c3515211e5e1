import { RUNTIME_ENV } from '../../lib/contracts';

/** What a handler reads from its environment (names from RUNTIME_ENV, set by the infrastructure). */
export interface RuntimeConfig {
  readonly tableName: string;
  readonly deadLetterQueueUrl: string;
  /** Absent for a service that publishes nothing (notifications). */
  readonly eventBusName?: string;
}

/** Required environment variables are missing: a deployment bug, so every message must wait for the fix. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  readonly retryable = true;

  constructor(readonly missing: readonly string[]) {
    super(`environment variable(s) ${missing.map((variable) => `'${variable}'`).join(', ')} must be set`);
  }
}

/**
 * Reads the runtime configuration.
 *
 * @param requireBus whether the service publishes events and so needs EVENT_BUS_NAME
 * @throws ConfigurationError naming every required variable that is missing or empty
 */
export function readRuntimeConfig(env: NodeJS.ProcessEnv, requireBus: boolean): RuntimeConfig {
  const required = [
    RUNTIME_ENV.tableName,
    RUNTIME_ENV.deadLetterQueueUrl,
    ...(requireBus ? [RUNTIME_ENV.eventBusName] : []),
  ];
  const missing = required.filter((variable) => !env[variable]);
  if (missing.length > 0) throw new ConfigurationError(missing);
  const eventBusName = env[RUNTIME_ENV.eventBusName];
  return {
    tableName: env[RUNTIME_ENV.tableName] as string,
    deadLetterQueueUrl: env[RUNTIME_ENV.deadLetterQueueUrl] as string,
    ...(eventBusName ? { eventBusName } : {}),
  };
}
