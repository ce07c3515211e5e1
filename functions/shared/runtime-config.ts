import { DEFAULT_SAGA_DEADLINE_SECONDS, RUNTIME_ENV } from '../../lib/contracts';
import { classifiedErrorClass } from '../../lib/errors/classified-error';

/**
 * What a function reads from its environment (names from RUNTIME_ENV, set by the infrastructure).
 * The SQS adapter needs the dead-letter queue, and the bus when the service publishes; a Step
 * Functions task needs the table only (the state machine emits the outcome and keeps failed input).
 */
export interface RuntimeConfig {
  readonly tableName: string;
  /** Absent for a Step Functions task. */
  readonly deadLetterQueueUrl?: string;
  /** Absent for a service that publishes nothing (notifications) and for a Step Functions task. */
  readonly eventBusName?: string;
  /** The service's own queue, for the deadline messages it sends itself (orders, choreography). */
  readonly ownQueueUrl?: string;
  /** Seconds from an order being placed until the saga gives up on it: 1 to 900 (SQS's longest delay). */
  readonly sagaDeadlineSeconds: number;
}

/** Which variables beyond TABLE_NAME a function needs. */
export interface RuntimeRequirements {
  /** EVENT_BUS_NAME: the service publishes its events itself. */
  readonly bus: boolean;
  /** DEAD_LETTER_QUEUE_URL: the service dead-letters messages itself. */
  readonly deadLetterQueue: boolean;
}

/** Required environment variables are missing: a deployment bug, so every message must wait for the fix. */
export class ConfigurationError extends /* @__PURE__ */ classifiedErrorClass('ConfigurationError', 'misdeployed') {
  constructor(readonly missing: readonly string[]) {
    super(`environment variable(s) ${missing.map((variable) => `'${variable}'`).join(', ')} must be set`);
  }
}

/** A variable is set to a value the function cannot use: a deployment bug. */
export class InvalidRuntimeConfigError
  extends /* @__PURE__ */ classifiedErrorClass('InvalidRuntimeConfigError', 'misdeployed') {}

/**
 * Reads the runtime configuration.
 *
 * @throws ConfigurationError naming every required variable that is missing or empty
 */
export function readRuntimeConfig(env: NodeJS.ProcessEnv, requires: RuntimeRequirements): RuntimeConfig {
  const required = [
    RUNTIME_ENV.tableName,
    ...(requires.deadLetterQueue ? [RUNTIME_ENV.deadLetterQueueUrl] : []),
    ...(requires.bus ? [RUNTIME_ENV.eventBusName] : []),
  ];
  const missing = required.filter((variable) => !env[variable]);
  if (missing.length > 0) throw new ConfigurationError(missing);
  const deadLetterQueueUrl = env[RUNTIME_ENV.deadLetterQueueUrl];
  const eventBusName = env[RUNTIME_ENV.eventBusName];
  const ownQueueUrl = env[RUNTIME_ENV.ownQueueUrl];
  const deadline = env[RUNTIME_ENV.sagaDeadlineSeconds];
  const sagaDeadlineSeconds = deadline ? Number(deadline) : DEFAULT_SAGA_DEADLINE_SECONDS;
  if (!Number.isInteger(sagaDeadlineSeconds) || sagaDeadlineSeconds < 1 || sagaDeadlineSeconds > 900) {
    throw new InvalidRuntimeConfigError(
      `${RUNTIME_ENV.sagaDeadlineSeconds} must be whole seconds from 1 to 900, got '${deadline}'`,
    );
  }
  return {
    tableName: env[RUNTIME_ENV.tableName] as string,
    ...(requires.deadLetterQueue && deadLetterQueueUrl ? { deadLetterQueueUrl } : {}),
    ...(eventBusName ? { eventBusName } : {}),
    ...(ownQueueUrl ? { ownQueueUrl } : {}),
    sagaDeadlineSeconds,
  };
}
