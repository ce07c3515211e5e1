import type { ParameterErrors, RequestParams } from '../../endpoint/request-params';
import { validationParameterErrors } from '../../endpoint/validation-message';
import type { LogStore } from '../log-store';
import { LogsInvalidParameterError } from '../logs-errors';

/** One CloudWatch Logs operation: parameters in, the response object out. */
export type LogsOperation = (params: RequestParams, store: LogStore) => unknown;

/** CloudWatch Logs answers missing and mistyped members with InvalidParameterException. */
export const LOGS_PARAMETER_ERRORS: ParameterErrors = validationParameterErrors(
  (message) => new LogsInvalidParameterError(message),
);
