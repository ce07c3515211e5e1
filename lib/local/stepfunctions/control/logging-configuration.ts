import type { LoggingConfiguration } from '../state-machine-registration';
import { StepFunctionsApiError, StepFunctionsValidationError } from '../stepfunctions-errors';

const LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'] as const;

/** The logging configuration AWS reports for a machine created without one. */
export const LOGGING_OFF: LoggingConfiguration = { level: 'OFF', includeExecutionData: false };

/** `InvalidLoggingConfiguration`. */
export class InvalidLoggingConfigurationError extends StepFunctionsApiError {
  constructor(message: string) {
    super('InvalidLoggingConfiguration', message);
  }
}

/**
 * A logging configuration in the API's shape, from the API's camelCase members or a template's
 * PascalCase ones (`Level`, `IncludeExecutionData`, `Destinations[].CloudWatchLogsLogGroup.LogGroupArn`).
 * Checked as CreateStateMachine checks it: a known level, at most one destination, and a
 * destination for any level but OFF.
 *
 * @throws StepFunctionsValidationError | InvalidLoggingConfigurationError
 */
export function loggingConfigurationOf(raw: unknown): LoggingConfiguration {
  if (raw === undefined || raw === null) return LOGGING_OFF;
  const record = isObject(raw) ? raw : {};
  const level = (record.level ?? record.Level ?? 'OFF') as string;
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new StepFunctionsValidationError(
      `1 validation error detected: Value '${level}' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [${LEVELS.join(', ')}]`,
    );
  }
  const includeExecutionData = (record.includeExecutionData ?? record.IncludeExecutionData ?? false) === true;
  const rawDestinations = (record.destinations ?? record.Destinations ?? []) as unknown[];
  const destinations = (Array.isArray(rawDestinations) ? rawDestinations : []).map((destination) => {
    const entry = isObject(destination) ? destination : {};
    const group = (entry.cloudWatchLogsLogGroup ?? entry.CloudWatchLogsLogGroup) as Record<string, unknown> | undefined;
    const logGroupArn = group?.logGroupArn ?? group?.LogGroupArn;
    return { cloudWatchLogsLogGroup: typeof logGroupArn === 'string' ? { logGroupArn } : {} };
  });
  if (destinations.length > 1 || (level !== 'OFF' && destinations.length === 0)) {
    throw new InvalidLoggingConfigurationError(
      'Invalid Logging Configuration: Must specify exactly one Log Destination.',
    );
  }
  return {
    level: level as LoggingConfiguration['level'],
    includeExecutionData,
    ...(destinations.length > 0 ? { destinations } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
