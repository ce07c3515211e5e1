/**
 * What a `choreo` command may touch besides AWS: its output streams, the environment, the clock.
 * Tests pass their own to run the program in-process.
 */
export interface CliIo {
  /** Receives everything written to stdout, in chunks (lines end with `\n`). */
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default - a setTimeout promise */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** Whether stderr is a terminal (progress bars draw only there). @default false */
  readonly interactive?: boolean;
}

/** The {@link CliIo} with every default filled in, and line-printing helpers. */
export interface CliContext {
  readonly io: CliIo;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
  /** Writes one line to stdout. */
  readonly print: (line: string) => void;
  /** Writes one line to stderr (progress and notes that must not pollute `--json` output). */
  readonly note: (line: string) => void;
}

export function createCliContext(io: CliIo): CliContext {
  return {
    io,
    env: io.env ?? process.env,
    sleep: io.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    now: io.now ?? (() => new Date()),
    print: (line) => io.stdout(`${line}\n`),
    note: (line) => io.stderr(`${line}\n`),
  };
}

/** The real process's streams and environment, for bin/choreo.ts. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  };
}
