import { spawn, type SpawnOptions } from 'node:child_process';

/** How a child process ended: its exit code, all it printed, and the end of its stderr. */
export interface ChildOutput {
  readonly code: number | null;
  readonly output: string;
  /** The last 2,000 characters of stderr: enough to say why it failed, never the whole log. */
  readonly errors: string;
}

/**
 * Runs a benchmark's child process (a measured command, a load generator) with stdout and stderr
 * piped, and resolves once it exits, whatever its code: the caller decides what a code means.
 * Rejects only when the process cannot be started.
 */
export function runChild(
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, 'stdio'> = {},
): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString('utf8')).slice(-2000)));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output, errors }));
  });
}
