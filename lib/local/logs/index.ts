export { LogsJsonApi, LOGS_TARGET_PREFIX } from './api/logs-json-api';
export { compileFilterPattern, type LogEventMatcher } from './filter-pattern';
export { FunctionLogSink } from './function-log-sink';
export { LogGroupTargetInvoker, logGroupNameOfArn } from './log-group-target-invoker';
export {
  LogStore,
  type LogEvent,
  type LogEventListener,
  type LogGroupInfo,
  type LogJournal,
  type LogStoreOptions,
  type LogStreamInfo,
} from './log-store';
export * from './logs-errors';
export { TerminalLogPrinter, type LogsMode, type TerminalLogPrinterOptions } from './terminal-log-printer';
