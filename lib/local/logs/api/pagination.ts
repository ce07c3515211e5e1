import type { RequestParams } from '../../endpoint/request-params';
import { LogsInvalidParameterError } from '../logs-errors';

/** `limit` within 1..max (CloudWatch Logs refuses others), else the default. */
export function pageLimit(params: RequestParams, defaultLimit: number, max: number): number {
  const limit = params.optionalInteger('limit');
  if (limit === undefined) return defaultLimit;
  if (limit < 1 || limit > max) {
    throw new LogsInvalidParameterError(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value ${limit < 1 ? 'greater than or equal to 1' : `less than or equal to ${max}`}`,
    );
  }
  return limit;
}

/** One page of `items` from an opaque `nextToken` (the offset); `nextToken` only when more remain. */
export function page<T>(
  items: readonly T[],
  token: string | undefined,
  limit: number,
): { items: T[]; nextToken?: string } {
  const start = token === undefined ? 0 : offsetOf(token);
  const end = start + limit;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextToken: Buffer.from(`offset:${end}`).toString('base64') } : {}),
  };
}

function offsetOf(token: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!match) throw new LogsInvalidParameterError('The specified nextToken is invalid.');
  return Number(match[1]);
}
