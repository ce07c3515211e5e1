import { execFile, execFileSync } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The line of a pyenv shim that hands the command to pyenv: `exec "<root>/libexec/pyenv" exec "$program" "$@"`. */
const PYENV_SHIM_EXEC = /^exec "([^"]+\/pyenv)" exec "\$program" "\$@"$/m;

let resolvedAwsExecutable: string | undefined;

/**
 * The `aws` executable to run: the first on PATH, or, when that is a pyenv shim, the executable
 * the shim would run. A shim is a bash script that asks pyenv which Python version applies on
 * every call: on the 2-core machine a call took 0.84 s through the shim and 0.62 s without it.
 * Resolved once per process; anything unexpected falls back to `aws`, found on PATH by each call.
 */
function awsExecutable(): string {
  resolvedAwsExecutable ??= resolveAwsExecutable();
  return resolvedAwsExecutable;
}

function firstBytesOf(file: string, length: number): string {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    return buffer.toString('utf8', 0, readSync(descriptor, buffer, 0, length, 0));
  } finally {
    closeSync(descriptor);
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function resolveAwsExecutable(): string {
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((directory) => join(directory, 'aws'))
    .find(isExecutable);
  if (!onPath) return 'aws';
  try {
    const shim = PYENV_SHIM_EXEC.exec(firstBytesOf(onPath, 4096));
    if (!shim) return onPath;
    return execFileSync(shim[1]!, ['which', 'aws'], { encoding: 'utf8', timeout: 10_000 }).trim() || 'aws';
  } catch {
    return 'aws';
  }
}

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
  return run(awsExecutable(), ['--endpoint-url', endpointUrl, '--output', 'json', ...args], {
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
