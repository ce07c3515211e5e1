import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DEFAULT_LOCAL_REGION } from '../../arn';
import type { AwsJsonResponse, CallerIdentity } from '../../endpoint/aws-json';
import { AwsServiceError } from '../../endpoint/aws-service-error';
import { parseCallerIdentity } from '../../endpoint/caller-identity';
import type { RawRoute } from '../../endpoint/local-endpoint';
import { TooManyRequestsError } from '../lambda-errors';
import type { LambdaFunctionConfig } from '../lambda-function-config';
import { logGroupNameOf, type LambdaRuntime } from '../lambda-runtime';
import {
  InvalidParameterValueError,
  InvalidRequestContentError,
  LambdaFunctionNotFoundError,
  LambdaTooManyRequestsError,
  RequestEntityTooLargeError,
} from './lambda-api-errors';

/** Lambda's payload limits (Lambda quotas: 6 MB synchronous, 256 KB asynchronous). */
export const SYNC_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;
export const ASYNC_PAYLOAD_LIMIT_BYTES = 256 * 1024;
/** `X-Amz-Log-Type: Tail` returns the last 4 KB of the invocation's log. */
const LOG_TAIL_BYTES = 4096;

export interface LambdaRestApiOptions {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /**
   * Checks that the caller may call `action` on `resource` (local IAM: `lambda:InvokeFunction`
   * for calls made by functions); throws an AwsServiceError (AccessDeniedException) when not.
   * @default - every caller may
   */
  readonly authorize?: (caller: CallerIdentity, action: string, resource: string) => void;
}

const PREFIX = '/2015-03-31/functions';

/**
 * Lambda's REST API (`/2015-03-31/functions/...`) over a `LambdaRuntime`, as a route of the
 * local endpoint: Invoke (RequestResponse, Event, DryRun, `X-Amz-Log-Type: Tail`), GetFunction,
 * GetFunctionConfiguration and ListFunctions. Functions are named by name or ARN, with
 * `$LATEST` as the only qualifier (the local cloud runs no versions or aliases). What `aws lambda`
 * and the SDK's LambdaClient call, unchanged.
 *
 * @example endpoint.registerRoute(lambdaRestApi(runtime, { region, authorize }));
 */
export function lambdaRestApi(runtime: LambdaRuntime, options: LambdaRestApiOptions = {}): RawRoute {
  const region = options.region ?? DEFAULT_LOCAL_REGION;
  const accountId = options.accountId ?? '000000000000';
  const arnOf = (name: string) => `arn:aws:lambda:${region}:${accountId}:function:${name}`;

  /** A function named by name, partial or full ARN, with an optional qualifier. */
  const resolve = (reference: string, queryQualifier: string | null): LambdaFunctionConfig => {
    const match = /^(?:arn:[^:]+:lambda:[^:]*:)?(?:\d{12}:)?(?:function:)?([^:]+)(?::([^:]+))?$/.exec(reference);
    const name = match?.[1] ?? reference;
    const qualifier = match?.[2] ?? queryQualifier ?? undefined;
    const config = runtime.functionConfig(name);
    if (!config || (qualifier !== undefined && qualifier !== '$LATEST')) {
      throw new LambdaFunctionNotFoundError(qualifier !== undefined ? `${arnOf(name)}:${qualifier}` : arnOf(name));
    }
    return config;
  };

  const configuration = (config: LambdaFunctionConfig) => ({
    FunctionName: config.name,
    FunctionArn: config.arn ?? arnOf(config.name),
    Runtime: config.runtime ?? 'nodejs20.x',
    Role: config.roleArn ?? `arn:aws:iam::${accountId}:role/${config.name}`,
    Handler: config.handler,
    CodeSize: 0,
    Description: '',
    Timeout: config.timeoutSeconds,
    MemorySize: config.memorySizeMb,
    LastModified: new Date(0).toISOString().replace('Z', '+0000'),
    CodeSha256: createHash('sha256').update(config.name).digest('base64'),
    Version: '$LATEST',
    Environment: { Variables: { ...config.environment } },
    TracingConfig: { Mode: config.tracingMode ?? 'PassThrough' },
    RevisionId: '00000000-0000-0000-0000-000000000000',
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: config.architectures && config.architectures.length > 0 ? [...config.architectures] : ['x86_64'],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: config.logFormat ?? 'Text', LogGroup: logGroupNameOf(config) },
  });

  const invoke = async (
    request: IncomingMessage,
    body: Buffer,
    config: LambdaFunctionConfig,
  ): Promise<AwsJsonResponse> => {
    const invocationType = header(request, 'x-amz-invocation-type') ?? 'RequestResponse';
    if (invocationType !== 'RequestResponse' && invocationType !== 'Event' && invocationType !== 'DryRun') {
      throw new InvalidParameterValueError(
        `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
      );
    }
    options.authorize?.(
      parseCallerIdentity(request.headers),
      'lambda:InvokeFunction',
      config.arn ?? arnOf(config.name),
    );
    if (invocationType === 'Event' && body.length > ASYNC_PAYLOAD_LIMIT_BYTES) {
      throw new RequestEntityTooLargeError(
        `${body.length} byte payload is too large for the Event invocation type (limit ${ASYNC_PAYLOAD_LIMIT_BYTES} bytes)`,
      );
    }
    if (body.length > SYNC_PAYLOAD_LIMIT_BYTES) {
      throw new RequestEntityTooLargeError(
        `Request must be smaller than ${SYNC_PAYLOAD_LIMIT_BYTES} bytes for the InvokeFunction operation`,
      );
    }
    const payload = parsePayload(body);
    if (invocationType === 'DryRun') {
      return { statusCode: 204, body: '' };
    }
    if (invocationType === 'Event') {
      // Lambda queues the event and answers at once; the invocation runs in the background.
      void runtime.invoke(config.name, payload, { trigger: 'lambda:Event' }).catch(() => undefined);
      return { statusCode: 202, body: '' };
    }
    const tail = header(request, 'x-amz-log-type') === 'Tail';
    let result;
    try {
      result = await runtime.invoke(config.name, payload, { trigger: 'lambda:Invoke', captureLog: tail });
    } catch (error) {
      if (error instanceof TooManyRequestsError) throw new LambdaTooManyRequestsError('Rate Exceeded.');
      throw error;
    }
    const headers: Record<string, string> = { 'X-Amz-Executed-Version': '$LATEST' };
    if (tail && result.log) {
      const text = Buffer.from(result.log.join('\n') + '\n', 'utf8');
      headers['X-Amz-Log-Result'] = text.subarray(Math.max(0, text.length - LOG_TAIL_BYTES)).toString('base64');
    }
    if (result.outcome !== 'success') {
      headers['X-Amz-Function-Error'] = 'Unhandled';
      const error = result.error;
      return {
        statusCode: 200,
        headers,
        body: JSON.stringify({
          errorType: error?.errorType ?? 'Error',
          errorMessage: error?.errorMessage ?? result.outcome,
          ...(error?.stackTrace && error.stackTrace.length > 0 ? { trace: error.stackTrace } : {}),
        }),
      };
    }
    return { statusCode: 200, headers, body: JSON.stringify(result.result ?? null) };
  };

  return async (request, body) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(PREFIX)) return undefined;
    try {
      const parts = url.pathname.slice(PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
      const method = request.method ?? 'GET';
      const qualifier = url.searchParams.get('Qualifier');
      const [reference, action] = parts;
      if (reference === undefined && method === 'GET') {
        return ok(listFunctions(url, runtime, configuration));
      }
      if (reference !== undefined && parts.length <= 2) {
        const config = resolve(reference, qualifier);
        if (method === 'POST' && action === 'invocations') return await invoke(request, body, config);
        if (method === 'GET' && action === undefined) {
          return ok({
            Configuration: configuration(config),
            Code: {
              RepositoryType: 'S3',
              Location: `file://${config.code.kind === 'directory' ? config.code.directory : ''}`,
            },
            ...(config.reservedConcurrency !== undefined
              ? { Concurrency: { ReservedConcurrentExecutions: config.reservedConcurrency } }
              : {}),
          });
        }
        if (method === 'GET' && action === 'configuration') return ok(configuration(config));
      }
      return new AwsServiceError(
        'UnknownOperationException',
        `the local cloud does not emulate lambda operation '${method} ${url.pathname}'`,
        { statusCode: 404 },
      ).toResponse();
    } catch (error) {
      if (error instanceof AwsServiceError) return error.toResponse();
      throw error;
    }
  };
}

function listFunctions(
  url: URL,
  runtime: LambdaRuntime,
  configuration: (config: LambdaFunctionConfig) => unknown,
): unknown {
  const marker = Number(url.searchParams.get('Marker') ?? '0');
  const maxItems = Number(url.searchParams.get('MaxItems') ?? '50');
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 10_000) {
    throw new InvalidParameterValueError(
      `1 validation error detected: Value '${url.searchParams.get('MaxItems')}' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 10000`,
    );
  }
  const names = runtime.functionNames().sort();
  const start = Number.isInteger(marker) && marker > 0 ? marker : 0;
  const page = names.slice(start, start + maxItems);
  return {
    Functions: page.flatMap((name) => {
      const config = runtime.functionConfig(name);
      return config ? [configuration(config)] : [];
    }),
    ...(start + maxItems < names.length ? { NextMarker: String(start + maxItems) } : {}),
  };
}

/** Lambda parses the payload as JSON; an empty payload is `{}`. */
function parsePayload(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw new InvalidRequestContentError(
      `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
    );
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function ok(output: unknown): AwsJsonResponse {
  return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(output) };
}
