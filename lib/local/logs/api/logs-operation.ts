import type { ParameterErrors, RequestParams } from '../../endpoint/request-params';
import type { LogStore } from '../log-store';
import { LogsInvalidParameterError } from '../logs-errors';

/** One CloudWatch Logs operation: parameters in, the response object out. */
export type LogsOperation = (params: RequestParams, store: LogStore) => unknown;

/** CloudWatch Logs answers missing and mistyped members with InvalidParameterException. */
export const LOGS_PARAMETER_ERRORS: ParameterErrors = {
  missing: (name) =>
    new LogsInvalidParameterError(
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    ),
  invalid: (name, value, expected) =>
    new LogsInvalidParameterError(
      `1 validation error detected: Value '${JSON.stringify(value)?.slice(0, 100) ?? String(value)}' at '${name}' failed to satisfy constraint: Member must be ${expected}`,
    ),
};
