import type { Writable } from 'node:stream';

/** One line a function printed (stdout/stderr), or a START/END/REPORT line of the runtime. */
export interface FunctionLogEntry {
  readonly functionName: string;
  /** The function's log group (`/aws/lambda/<name>` unless its LoggingConfig names one). */
  readonly logGroupName?: string;
  /** The log stream of the execution environment that printed it. */
  readonly logStreamName?: string;
  /** The invocation running when the line arrived (lines printed between invocations have none). */
  readonly requestId?: string;
  readonly stream: 'stdout' | 'stderr' | 'runtime';
  readonly message: string;
  /** AWS time, ms since the epoch. */
  readonly at: number;
}

/** Where function output goes: not the local cloud's stdout unless a sink sends it there. */
export interface LogSink {
  write(entry: FunctionLogEntry): void;
}

/** Keeps the most recent entries in memory (the default sink): `entries('orders')` to look. */
export class MemoryLogSink implements LogSink {
  private readonly kept: FunctionLogEntry[] = [];

  /** @param limit entries kept; older ones are dropped. */
  constructor(private readonly limit = 10_000) {}

  write(entry: FunctionLogEntry): void {
    this.kept.push(entry);
    if (this.kept.length > this.limit) {
      this.kept.splice(0, this.kept.length - this.limit);
    }
  }

  /** Entries of one function (or all), oldest first. */
  entries(functionName?: string): FunctionLogEntry[] {
    return functionName === undefined
      ? [...this.kept]
      : this.kept.filter((entry) => entry.functionName === functionName);
  }

  clear(): void {
    this.kept.length = 0;
  }
}

/** Writes `[function] line` to a stream (a log file). */
export class StreamLogSink implements LogSink {
  constructor(private readonly stream: Writable) {}

  write(entry: FunctionLogEntry): void {
    this.stream.write(`[${entry.functionName}] ${entry.message}\n`);
  }
}

/** Sends every entry to each of `sinks` (the log store and the terminal, say). */
export function teeLogSink(...sinks: readonly (LogSink | undefined)[]): LogSink {
  const present = sinks.filter((sink): sink is LogSink => sink !== undefined);
  return { write: (entry) => present.forEach((sink) => sink.write(entry)) };
}
