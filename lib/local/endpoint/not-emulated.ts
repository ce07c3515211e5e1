import type { IncomingMessage } from 'node:http';
import type { AwsJsonResponse } from './aws-json';
import { UnknownOperationError } from './aws-service-error';
import { escapeXml, queryErrorResponse } from './query-protocol';
import { queryActionOf, signedServiceOf } from './request-origin';

const JSON_1_1 = 'application/x-amz-json-1.1';

/** REST services that answer in XML (S3 and its kin), as their SDKs parse errors. */
const XML_REST_SERVICES = new Set(['s3', 's3-control', 'cloudfront', 'route53']);

/**
 * The answer to a call no emulated service takes: a 4xx in the caller's protocol (so the SDK or
 * the aws CLI shows it at once instead of retrying a 500), naming the service (from the SigV4
 * credential scope or the target) and the operation, and saying the local cloud does not
 * emulate it.
 */
export function notEmulatedResponse(
  request: IncomingMessage,
  body: Buffer,
  target: string | undefined,
  requestId: string,
): AwsJsonResponse {
  const service = signedServiceOf(request.headers);
  if (target) {
    const answer = new UnknownOperationError(target, service).toResponse();
    return { ...answer, headers: { ...answer.headers, 'Content-Type': JSON_1_1 } };
  }
  const action = queryActionOf(request, body);
  if (action) {
    return queryErrorResponse(
      'InvalidAction',
      `${service ?? 'unknown service'} ${action} is not emulated by the local cloud`,
      requestId,
    );
  }
  const operation = `${request.method ?? ''} ${(request.url ?? '/').split('?')[0] ?? '/'}`;
  const message = `${service ?? 'unknown service'} ${operation} is not emulated by the local cloud`;
  if (service && XML_REST_SERVICES.has(service)) {
    return {
      statusCode: 400,
      headers: { 'Content-Type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`,
    };
  }
  return {
    statusCode: 400,
    headers: { 'Content-Type': JSON_1_1, 'x-amzn-ErrorType': 'UnknownOperationException' },
    body: JSON.stringify({
      __type: 'UnknownOperationException',
      message: `unknown operation '${operation}': ${message}`,
    }),
  };
}
