import type { FunctionLogEntry, LogSink } from '../lambda/log-sink';

/** Which function lines the terminal shows: every line, error lines only, or none. */
export type LogsMode = 'all' | 'errors' | 'none';

export interface TerminalLogPrinterOptions {
  /** @default 'all' */
  readonly mode?: LogsMode;
  /**
   * Show only the functions whose name or short name contains this.
   * @default - every function
   */
  readonly functionFilter?: string;
  /**
   * The app's function names, to shorten them (their common prefix is left out).
   * @default - none yet (see `useFunctionNames`): names are printed whole
   */
  readonly functionNames?: readonly string[];
  /** Where a rendered line goes (a newline is added). */
  readonly write: (line: string) => void;
  /** @default false */
  readonly color?: boolean;
}

/** Members of Powertools' and Lambda's JSON lines that every line has: not worth a column. */
const STANDARD_KEYS = new Set([
  'level',
  'message',
  'msg',
  'timestamp',
  'time',
  'service',
  'cold_start',
  'function_name',
  'function_arn',
  'function_memory_size',
  'function_request_id',
  'xray_trace_id',
  'sampling_rate',
  'requestId',
]);

const ERROR_LEVELS = new Set(['ERROR', 'CRITICAL', 'FATAL']);
const TEXT_LINE = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\t(\S+)\t([A-Z]+)\t([\s\S]*)$/;
const COLORS = { ERROR: 31, CRITICAL: 31, FATAL: 31, WARN: 33, WARNING: 33, DEBUG: 90, TRACE: 90, REPORT: 90 } as const;

interface RenderedLine {
  readonly level: string;
  readonly text: string;
  readonly isError: boolean;
}

/**
 * Prints function output live, one line per log event, prefixed with the function's short name;
 * JSON lines (Powertools, the JSON log format) become `LEVEL message key=value ...`, Lambda's
 * text lines `LEVEL message`, REPORT lines a short summary; START and END lines are left out.
 *
 * @example
 * const printer = new TerminalLogPrinter({ functionNames, mode: 'errors', write: (line) => process.stderr.write(`${line}\n`) });
 * await LocalCloud.start({ logSink: printer });
 */
export class TerminalLogPrinter implements LogSink {
  private shortNames: ReadonlyMap<string, string> = new Map();
  private width = 0;

  constructor(private readonly options: TerminalLogPrinterOptions) {
    this.useFunctionNames(options.functionNames ?? []);
  }

  /** Sets the app's function names (known once the assembly was read), to shorten them. */
  useFunctionNames(names: readonly string[]): void {
    this.shortNames = shortFunctionNames(names);
    this.width = Math.min(24, Math.max(0, ...[...this.shortNames.values()].map((name) => name.length)));
  }

  write(entry: FunctionLogEntry): void {
    const mode = this.options.mode ?? 'all';
    if (mode === 'none') return;
    const shortName = this.shortNames.get(entry.functionName) ?? entry.functionName;
    const filter = this.options.functionFilter;
    if (filter && !entry.functionName.includes(filter) && !shortName.includes(filter)) return;
    const line = renderEntry(entry);
    if (!line || (mode === 'errors' && !line.isError)) return;
    const prefix = shortName.padEnd(this.width);
    const level = line.level.padEnd(5);
    const code = COLORS[line.level as keyof typeof COLORS];
    const colored = this.options.color && code ? `\u001b[${code}m${level}\u001b[0m` : level;
    this.options.write(`${this.options.color ? `\u001b[36m${prefix}\u001b[0m` : prefix} │ ${colored} ${line.text}`);
  }
}

/** One log entry as the terminal shows it; undefined for the lines it leaves out (START, END). */
export function renderEntry(entry: FunctionLogEntry): RenderedLine | undefined {
  const message = entry.message;
  if (entry.stream === 'runtime') {
    if (message.startsWith('START ') || message.startsWith('END ')) return undefined;
    if (message.startsWith('REPORT ')) {
      const field = (name: string) => new RegExp(`${name}: ([^\\t]+)`).exec(message)?.[1];
      const status = field('Status');
      const parts = [
        field('Duration'),
        field('Init Duration') ? `init ${field('Init Duration')}` : undefined,
        field('Max Memory Used') ? `${field('Max Memory Used')} of ${field('Memory Size')}` : undefined,
        status ? `status ${status}` : undefined,
      ].filter(Boolean);
      return { level: 'REPORT', text: parts.join(', '), isError: status !== undefined };
    }
    return { level: 'ERROR', text: message.replace(/\n/g, ' '), isError: true };
  }
  const json = parseJsonObject(message);
  if (json) {
    const level = String(json.level ?? json.levelname ?? (entry.stream === 'stderr' ? 'ERROR' : 'INFO')).toUpperCase();
    const text = [
      stringOf(json.message ?? json.msg ?? ''),
      ...Object.entries(json)
        .filter(([key]) => !STANDARD_KEYS.has(key))
        .map(([key, value]) => `${key}=${compact(value)}`),
    ]
      .filter((part) => part !== '')
      .join('  ');
    return { level, text, isError: ERROR_LEVELS.has(level) };
  }
  const text = TEXT_LINE.exec(message);
  if (text) {
    const level = text[3] ?? 'INFO';
    return { level, text: (text[4] ?? '').replace(/\n/g, ' ⏎ '), isError: ERROR_LEVELS.has(level) };
  }
  const level = entry.stream === 'stderr' ? 'ERROR' : 'INFO';
  return { level, text: message, isError: level === 'ERROR' };
}

/** Function names without the prefix they all share (up to a `-`), e.g. `shop-choreography-orders` → `choreography-orders`. */
export function shortFunctionNames(names: readonly string[]): Map<string, string> {
  const [first, ...rest] = names;
  let prefix = first ?? '';
  for (const name of rest) {
    while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  const cut = names.length > 1 ? prefix.lastIndexOf('-') + 1 : 0;
  return new Map(names.map((name) => [name, name.slice(cut) || name]));
}

function parseJsonObject(message: string): Record<string, unknown> | undefined {
  if (!message.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(message) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A value in a line: strings as they are, errors as `name: message`, the rest as short JSON. */
function compact(value: unknown): string {
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  const error = value as { name?: unknown; message?: unknown } | null;
  if (error && typeof error === 'object' && typeof error.message === 'string') {
    return `${typeof error.name === 'string' ? `${error.name}: ` : ''}${error.message}`;
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}
