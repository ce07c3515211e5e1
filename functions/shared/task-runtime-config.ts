import { RUNTIME_ENV } from '../../lib/contracts';
import { ConfigurationError } from './runtime-config';

/**
 * What a Step Functions task function reads from its environment. Tasks neither publish (the
 * state machine emits the saga's outcome) nor dead-letter (the execution keeps failed input), so
 * only the table is required; the names are the SQS handlers' (RUNTIME_ENV).
 */
export interface TaskRuntimeConfig {
  readonly tableName: string;
}

/**
 * Reads the task function's configuration.
 * @throws ConfigurationError naming TABLE_NAME when it is missing or empty
 */
export function readTaskRuntimeConfig(env: NodeJS.ProcessEnv): TaskRuntimeConfig {
  const tableName = env[RUNTIME_ENV.tableName];
  if (!tableName) throw new ConfigurationError([RUNTIME_ENV.tableName]);
  return { tableName };
}
