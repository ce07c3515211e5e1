import type { CliIo } from '../../lib/cli/cli-context';
import { runCli } from '../../lib/cli/program';

/** What one in-process run of `choreo` produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where the simulated clock of {@link choreo} starts. */
export const CLI_START = new Date('2026-11-28T12:00:00.000Z');

/** What a test may change of the in-process run's surroundings. */
export interface CliRunOptions {
  /** Run as if stderr were a terminal. @default false */
  readonly interactive?: CliIo['interactive'];
  /** Sees every chunk written to stdout as it is written, to act while the command runs. */
  readonly onStdout?: (text: string) => void;
  /** Sees every chunk written to stderr as it is written. */
  readonly onStderr?: (text: string) => void;
}

/**
 * Runs `choreo` in-process with captured output, a simulated clock that only sleeping moves (so
 * a 60 s wait takes no time), and an environment with no AWS credentials.
 */
export async function choreo(argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let clock = CLI_START.getTime();
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
      options.onStdout?.(text);
    },
    stderr: (text) => {
      stderr += text;
      options.onStderr?.(text);
    },
    env: { AWS_REGION: 'eu-west-1' },
    sleep: async (ms) => {
      clock += ms;
    },
    now: () => new Date(clock),
    interactive: options.interactive ?? false,
  });
  return { code, stdout, stderr };
}

/** The local-cloud options most tests pass. */
export const LOCAL = ['--endpoint', 'http://127.0.0.1:4566'] as const;
