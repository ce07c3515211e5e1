import type { FunctionLogEntry, LogSink } from '../lambda/log-sink';
import type { LogStore } from './log-store';

/**
 * Writes function output into the function's log group, one stream per execution environment,
 * as Lambda does: the group is created on the first line unless the template declared it (with
 * its retention).
 */
export class FunctionLogSink implements LogSink {
  constructor(private readonly store: LogStore) {}

  write(entry: FunctionLogEntry): void {
    const logGroupName = entry.logGroupName ?? `/aws/lambda/${entry.functionName}`;
    this.store.ensureLogGroup(logGroupName);
    this.store.putLogEvents(
      logGroupName,
      entry.logStreamName ?? 'local',
      [{ timestamp: entry.at, message: entry.message }],
      true,
    );
  }
}
