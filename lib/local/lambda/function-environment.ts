import * as os from 'node:os';
import * as path from 'node:path';
import { accessKeyIdForFunction, secretAccessKeyForFunction } from '../endpoint/caller-identity';
import type { LambdaFunctionConfig } from './lambda-function-config';

export interface FunctionEnvironmentOptions {
  readonly region: string;
  /** The local endpoint every SDK client of the function calls (`AWS_ENDPOINT_URL`). */
  readonly endpointUrl: string;
  /** The directory the handler is loaded from (`LAMBDA_TASK_ROOT`). */
  readonly taskRoot: string;
  /** Directories `require` falls back to (`NODE_PATH`): where `@aws-sdk/*` is. */
  readonly nodePath: readonly string[];
  readonly logStreamName: string;
}

/** Variables of the host that the SDK would read and that must not leak into a function. */
const NO_SHARED_CONFIG = path.join(os.tmpdir(), 'local-cloud-no-shared-aws-config');

/**
 * The environment of a function's worker: the template's variables, then what Lambda sets
 * (reserved names win, as in Lambda), credentials whose access key id names the function (so
 * the endpoint knows the caller), the local endpoint, and nothing of the host's environment —
 * no host credentials or profile, and no `AWS_XRAY_*` that would make the SDK or Powertools look
 * for an X-Ray daemon.
 */
export function functionEnvironment(
  config: LambdaFunctionConfig,
  options: FunctionEnvironmentOptions,
): Record<string, string> {
  const fromTemplate = Object.fromEntries(
    Object.entries(config.environment).filter(([key]) => !key.startsWith('AWS_XRAY_') && key !== '_X_AMZN_TRACE_ID'),
  );
  return {
    ...fromTemplate,
    AWS_ENDPOINT_URL: options.endpointUrl,
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    AWS_ACCESS_KEY_ID: accessKeyIdForFunction(config.name),
    AWS_SECRET_ACCESS_KEY: secretAccessKeyForFunction(config.name),
    AWS_SESSION_TOKEN: 'local-cloud-session-token',
    // The host's ~/.aws files could set another endpoint or region for the SDK: point away.
    AWS_CONFIG_FILE: NO_SHARED_CONFIG,
    AWS_SHARED_CREDENTIALS_FILE: NO_SHARED_CONFIG,
    AWS_LAMBDA_FUNCTION_NAME: config.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: config.logGroupName ?? `/aws/lambda/${config.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: options.logStreamName,
    ...(config.logFormat === 'JSON' ? { AWS_LAMBDA_LOG_FORMAT: 'JSON' } : {}),
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime ?? 'nodejs20.x'}`,
    LAMBDA_TASK_ROOT: options.taskRoot,
    LAMBDA_RUNTIME_DIR: path.dirname(__filename),
    _HANDLER: config.handler,
    NODE_PATH: options.nodePath.join(path.delimiter),
    TZ: 'UTC',
    LANG: 'en_US.UTF-8',
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
  };
}
