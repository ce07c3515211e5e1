import { CommanderError } from 'commander';
import { EventTooLargeError, EventValidationError, PublishError } from '../../functions/shared/publish-errors';
import { OrderGenerationError } from '../seed/order-generator';
import { DeprecatedRuntimeError, PortInUseError } from '../local/startup';
import { CommandFailedError, EXIT_CODES, UsageError } from './cli-errors';

/** Node's codes for an endpoint nobody answers at. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
]);

const NOT_DEPLOYED_HINT = '(is the app deployed, and are --variant, --stage and --region right?)';

/** The exit code an error ends `choreo` with: 2 for what the user must fix in the command, else 1. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  if (
    error instanceof UsageError ||
    error instanceof EventValidationError ||
    error instanceof EventTooLargeError ||
    error instanceof OrderGenerationError ||
    error instanceof PortInUseError ||
    error instanceof DeprecatedRuntimeError
  ) {
    return EXIT_CODES.usage;
  }
  return EXIT_CODES.failure;
}

/**
 * One line saying what went wrong, for stderr: the stack only with `--verbose`, because users of
 * a command line want the reason, not the call path.
 */
export function describeError(error: unknown): string {
  // One line per refused function: AWS's message for each, as a deploy would print them.
  if (error instanceof DeprecatedRuntimeError) return error.message;
  if (
    error instanceof UsageError ||
    error instanceof CommandFailedError ||
    error instanceof EventValidationError ||
    error instanceof EventTooLargeError ||
    error instanceof OrderGenerationError
  ) {
    return oneLine(error.message);
  }
  if (error instanceof PublishError) {
    const first = error.failed[0];
    const reason =
      error.cause !== undefined
        ? describeCause(error.cause)
        : first
          ? `${first.errorCode} (${first.errorMessage})${first.errorCode === 'ResourceNotFoundException' ? ` ${NOT_DEPLOYED_HINT}` : ''}`
          : '';
    return oneLine(`could not publish ${error.failed.length} event(s) after ${error.attempts} attempt(s): ${reason}`);
  }
  return oneLine(describeCause(error));
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  if (code && UNREACHABLE_CODES.has(code)) return `${error.message} (is the endpoint running and reachable?)`;
  if (error.name === 'CredentialsProviderError') {
    return `${error.message} (configure AWS credentials, or give --endpoint for the local cloud)`;
  }
  if (error.name === 'ResourceNotFoundException') {
    return `${error.name}: ${error.message} ${NOT_DEPLOYED_HINT}`;
  }
  const named = error.name && error.name !== 'Error' && !error.message.startsWith(error.name) ? `${error.name}: ` : '';
  return `${named}${error.message}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The stack of an error and of its causes, for `--verbose`. */
export function stackOf(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth += 1) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\ncaused by: ');
}
