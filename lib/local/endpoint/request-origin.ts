import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/**
 * The service a call is meant for, as the SDKs and the aws CLI say it in the SigV4 credential
 * scope (`Credential=<key>/<date>/<region>/<service>/aws4_request`): `s3`, `sts`, `sns`, ...
 * Unsigned calls name no service.
 */
export function signedServiceOf(headers: IncomingHttpHeaders): string | undefined {
  return CREDENTIAL_SCOPE.exec(headers.authorization ?? '')?.[2];
}

/** Whether a body is a query protocol call (`Action=...&Version=...`, form encoded). */
export function isQueryProtocol(request: IncomingMessage): boolean {
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return request.method === 'POST' && contentType === 'application/x-www-form-urlencoded';
}

/** The `Action` of a query protocol call (form body, or the query string of a GET). */
export function queryActionOf(request: IncomingMessage, body: Buffer): string | undefined {
  const fromBody = isQueryProtocol(request) ? new URLSearchParams(body.toString('utf8')).get('Action') : null;
  const fromUrl = new URL(request.url ?? '/', 'http://local').searchParams.get('Action');
  return fromBody ?? fromUrl ?? undefined;
}
