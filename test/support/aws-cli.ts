import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Who the aws CLI signs as, and where it runs. */
export interface AwsCliOptions {
  /** @default 'test' */
  readonly accessKeyId?: string;
  /** @default 'test' */
  readonly secretAccessKey?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** More environment variables (AWS_MAX_ATTEMPTS, ...). @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** @default 20000 */
  readonly timeoutMs?: number;
}

/**
 * Runs the stock `aws` CLI (v1) against a local endpoint as a developer would: the given
 * credentials, no config files, JSON output. Rejects as `execFile` does when the CLI fails
 * (`stderr` holds AWS's error).
 */
export function runAwsCli(
  endpointUrl: string,
  args: readonly string[],
  options: AwsCliOptions = {},
): Promise<{ stdout: string; stderr: string }> {
  return run('aws', ['--endpoint-url', endpointUrl, '--output', 'json', ...args], {
    env: {
      ...options.env,
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: options.accessKeyId ?? 'test',
      AWS_SECRET_ACCESS_KEY: options.secretAccessKey ?? 'test',
      AWS_DEFAULT_REGION: options.region ?? 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
    timeout: options.timeoutMs ?? 20_000,
  });
}

/** `runAwsCli`, its JSON output parsed (`{}` when it printed nothing). */
export async function awsCli(
  endpointUrl: string,
  args: readonly string[],
  options: AwsCliOptions = {},
): Promise<Record<string, unknown>> {
  const { stdout } = await runAwsCli(endpointUrl, args, options);
  return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
}
