import type { AwsJsonResponse } from './aws-json';
import { errorResponseOf } from './aws-service-error';

/** One call of a REST JSON API (Scheduler, Pipes): the resource named by the path, the query and the body. */
export interface RestJsonCall {
  readonly name: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

/** A route's handler: the call in, the output object (or nothing) out. */
export type RestJsonHandler = (call: RestJsonCall) => unknown;

/**
 * Runs a REST JSON route: reads the body as a JSON object (a body that is not one is
 * `invalidBody(message)`, the service's ValidationException), runs the handler and answers 200 with
 * its output, or the error it threw in AWS's shape.
 */
export async function answerRestJsonCall(
  handler: RestJsonHandler,
  call: { readonly name: string; readonly query: URLSearchParams; readonly body: Buffer },
  invalidBody: (message: string) => Error,
): Promise<AwsJsonResponse> {
  try {
    const output = await handler({ ...call, body: parseRestJsonBody(call.body, invalidBody) });
    return { statusCode: 200, body: JSON.stringify(output ?? {}) };
  } catch (error) {
    return errorResponseOf(error);
  }
}

function parseRestJsonBody(body: Buffer, invalidBody: (message: string) => Error): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalidBody('The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidBody('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}
