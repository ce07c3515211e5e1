import type { AwsJsonRequest, AwsJsonResponse } from './aws-json';
import { errorResponseOf, UnknownOperationError } from './aws-service-error';
import { parseJsonObject } from './json-body';
import { RequestParams, type ParameterErrors } from './request-params';

/** One operation of an AWS JSON API: its validated parameters and the service's context in, its output out. */
export type JsonOperation<Context> = (params: RequestParams, context: Context) => unknown;

/** What one AWS JSON API is: its `X-Amz-Target` prefix, its operations and how it names bad parameters. */
export interface JsonApiTable<Context> {
  readonly targetPrefix: string;
  readonly operations: Readonly<Record<string, JsonOperation<Context>>>;
  readonly parameterErrors: ParameterErrors;
}

/**
 * The one dispatcher of every AWS JSON API the endpoint serves: finds the operation the target
 * names (`UnknownOperationException` if none), reads the body as a JSON object, runs the
 * operation and writes its output; an `AwsServiceError` becomes AWS's error shape and anything
 * else an `InternalFailure`, never a crash.
 *
 * @example
 * return dispatchJsonOperation(request, { targetPrefix: 'Logs_20140328.', operations, parameterErrors }, store);
 */
export async function dispatchJsonOperation<Context>(
  request: AwsJsonRequest,
  table: JsonApiTable<Context>,
  context: Context,
): Promise<AwsJsonResponse> {
  try {
    const name = request.target.startsWith(table.targetPrefix) ? request.target.slice(table.targetPrefix.length) : '';
    const operation = Object.hasOwn(table.operations, name) ? table.operations[name] : undefined;
    if (!operation) {
      throw new UnknownOperationError(request.target);
    }
    const params = new RequestParams(parseJsonObject(request.body), table.parameterErrors);
    const output = await operation(params, context);
    return { statusCode: 200, body: JSON.stringify(output) };
  } catch (error) {
    return errorResponseOf(error);
  }
}
