import type { RequestParams } from '../../endpoint/request-params';
import { InvalidPagingTokenError, StepFunctionsValidationError } from '../stepfunctions-errors';

/** One page of a list and the token of the next one. */
interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/**
 * The answer of a List operation: one page of `items`, each as `entry` writes it, under `member`
 * (`executions`, `stateMachines`), and the `nextToken` of the next page when there is one.
 * @throws StepFunctionsValidationError | InvalidPagingTokenError
 */
export function listPage<T>(
  member: string,
  items: readonly T[],
  params: RequestParams,
  operation: string,
  entry: (item: T) => unknown,
): Record<string, unknown> {
  const page = pageOf(items, params, operation);
  return { [member]: page.items.map(entry), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/**
 * Pages a list by `maxResults` (1..1000; 0 or absent: 100) and `nextToken` (an offset this
 * service handed out, bound to the operation).
 */
function pageOf<T>(items: readonly T[], params: RequestParams, operation: string): Page<T> {
  const maxResults = params.optionalInteger('maxResults') ?? 0;
  if (maxResults < 0 || maxResults > 1000) {
    throw new StepFunctionsValidationError(
      `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`,
    );
  }
  const limit = maxResults === 0 ? 100 : maxResults;
  const token = params.optionalString('nextToken');
  const offset = token === undefined ? 0 : offsetOf(token, operation);
  const end = offset + limit;
  return {
    items: items.slice(offset, end),
    ...(end < items.length ? { nextToken: Buffer.from(`${operation}:${end}`).toString('base64url') } : {}),
  };
}

function offsetOf(token: string, operation: string): number {
  const [tokenOperation, offsetText] = Buffer.from(token, 'base64url').toString('utf8').split(':');
  const offset = Number(offsetText);
  if (tokenOperation !== operation || !Number.isInteger(offset) || offset < 0) throw new InvalidPagingTokenError(token);
  return offset;
}
