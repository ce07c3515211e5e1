import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs the stock `aws` CLI (v1) against the local endpoint with dummy credentials, no config
 * files and a default region, as a developer would, and parses its JSON output.
 */
export async function awsCli(endpointUrl: string, region: string, ...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run('aws', ['--endpoint-url', endpointUrl, '--output', 'json', ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: 'dummy',
      AWS_SECRET_ACCESS_KEY: 'dummy',
      AWS_DEFAULT_REGION: region,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
    timeout: 30_000,
  });
  return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
}
