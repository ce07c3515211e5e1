import { runCli } from '../../lib/cli/program';

/** What one in-process run of `choreo` produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where the simulated clock of {@link choreo} starts. */
export const CLI_START = new Date('2026-11-28T12:00:00.000Z');

/**
 * Runs `choreo` in-process with captured output, a simulated clock that only sleeping moves (so
 * a 60 s wait takes no time), and an environment with no AWS credentials.
 */
export async function choreo(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let clock = CLI_START.getTime();
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { AWS_REGION: 'eu-west-1' },
    sleep: async (ms) => {
      clock += ms;
    },
    now: () => new Date(clock),
  });
  return { code, stdout, stderr };
}

/** The local-cloud options most tests pass. */
export const LOCAL = ['--endpoint', 'http://127.0.0.1:4566'] as const;
