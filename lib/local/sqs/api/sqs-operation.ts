import type { CallerIdentity } from '../../endpoint/aws-json';
import type { ParameterErrors, RequestParams } from '../../endpoint/request-params';
import type { LocalSqs } from '../local-sqs';
import { InvalidParameterValueError, MissingParameterError } from '../sqs-errors';

/** What an SQS operation handler gets besides its parameters. */
export interface SqsOperationContext {
  readonly sqs: LocalSqs;
  readonly caller: CallerIdentity;
  readonly signal?: AbortSignal;
}

/** One SQS JSON operation: parameters in, the response object out (or an `SqsError` thrown). */
export type SqsOperation = (params: RequestParams, context: SqsOperationContext) => unknown;

/** SQS's own codes for missing and mistyped parameters. */
export const SQS_PARAMETER_ERRORS: ParameterErrors = {
  missing: (name) => new MissingParameterError(name),
  invalid: (name, value, expected) =>
    new InvalidParameterValueError(
      `value ${JSON.stringify(value)?.slice(0, 100) ?? String(value)} for parameter ${name} is invalid. reason: must be ${expected}`,
    ),
};
