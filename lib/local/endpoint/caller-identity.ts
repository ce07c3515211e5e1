import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { CallerIdentity } from './aws-json';

/**
 * Functions of the local cloud sign their calls with an access key id that names them, so the
 * endpoint knows who is calling (for the trace and local IAM checks). Everything else is
 * `client`.
 */
const FUNCTION_KEY_PREFIX = 'LOCAL_';

/** The principal of callers that are not local functions (tests, the CLI, the aws CLI). */
export const CLIENT_PRINCIPAL = 'client';

/**
 * The access key id a local function signs with. The Lambda runtime sets it as
 * `AWS_ACCESS_KEY_ID` in the function's environment; `parseCallerIdentity` reads it back.
 *
 * @example accessKeyIdForFunction('Choreography-Orders-Handler') // 'LOCAL_Choreography-Orders-Handler'
 */
export function accessKeyIdForFunction(functionName: string): string {
  if (!functionName || functionName.includes('/')) {
    throw new RangeError(`invalid function name '${functionName}'`);
  }
  return `${FUNCTION_KEY_PREFIX}${functionName}`;
}

/**
 * Key of this process's function secrets: made fresh at every start, so a function's secret
 * cannot be known outside the functions the local cloud runs.
 */
const FUNCTION_SECRET_KEY = randomBytes(32);

/**
 * The secret access key a local function signs with (its `AWS_SECRET_ACCESS_KEY`): its own, so
 * that with signatures verified no other caller can sign as that function.
 */
export function secretAccessKeyForFunction(functionName: string): string {
  return createHmac('sha256', FUNCTION_SECRET_KEY).update(functionName).digest('base64url');
}

/** The function name an access key id stands for, or `undefined` for any other key. */
export function functionNameOfAccessKeyId(accessKeyId: string): string | undefined {
  const principal = principalOfAccessKeyId(accessKeyId);
  return principal === CLIENT_PRINCIPAL ? undefined : principal;
}

/** The principal an access key id stands for: a function name, or `client`. */
export function principalOfAccessKeyId(accessKeyId: string): string {
  return accessKeyId.startsWith(FUNCTION_KEY_PREFIX) && accessKeyId.length > FUNCTION_KEY_PREFIX.length
    ? accessKeyId.slice(FUNCTION_KEY_PREFIX.length)
    : CLIENT_PRINCIPAL;
}

const CREDENTIAL = /Credential=([^/,\s]+)\//;

/**
 * Who is calling, from the SigV4 `Authorization` header (`... Credential=<AKID>/<date>/...`).
 * Unsigned calls are `client` with an empty access key id; signatures are not verified — the
 * local cloud is loopback only and trusts its callers.
 */
export function parseCallerIdentity(headers: IncomingHttpHeaders): CallerIdentity {
  const authorization = headers.authorization ?? '';
  const accessKeyId = CREDENTIAL.exec(authorization)?.[1] ?? '';
  return { accessKeyId, principal: principalOfAccessKeyId(accessKeyId) };
}
