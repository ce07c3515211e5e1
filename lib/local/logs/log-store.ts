import { randomUUID } from 'node:crypto';
import { DEFAULT_LOCAL_REGION } from '../arn';
import type { Clock } from '../clock';
import { LogsResourceAlreadyExistsError, LogsResourceNotFoundError } from './logs-errors';

/** One event of a log stream, as CloudWatch Logs stores it. */
export interface LogEvent {
  /** A unique id (FilterLogEvents' `eventId`). */
  readonly eventId: string;
  readonly logStreamName: string;
  /** When it happened, ms since the epoch (AWS time). */
  readonly timestamp: number;
  /** When it was stored, ms since the epoch (AWS time). */
  readonly ingestionTime: number;
  readonly message: string;
}

export interface LogStreamInfo {
  readonly logStreamName: string;
  readonly creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes: number;
}

export interface LogGroupInfo {
  readonly logGroupName: string;
  readonly creationTime: number;
  retentionInDays?: number;
}

/** Sees every event as it is stored (the terminal printer, tests). */
export type LogEventListener = (logGroupName: string, event: LogEvent) => void;

export interface LogStoreOptions {
  readonly clock: Clock;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /**
   * Events kept per log group; beyond it the oldest events are dropped first, so a long run
   * cannot grow without bound.
   * @default 10000
   */
  readonly maxEventsPerGroup?: number;
  /** Keeps groups, streams and events (`--data`). @default - in memory only */
  readonly journal?: LogJournal;
}

/**
 * What the log store tells the store that keeps it under `--data`: groups, streams and events as
 * they come and go (dropped past the bound or the retention). Calls only stage.
 */
export interface LogJournal {
  groupChanged(group: LogGroupInfo): void;
  groupDeleted(logGroupName: string, streams: readonly string[], events: readonly LogEvent[]): void;
  streamChanged(logGroupName: string, stream: LogStreamInfo): void;
  eventsAdded(logGroupName: string, events: readonly LogEvent[]): void;
  eventsDropped(logGroupName: string, events: readonly LogEvent[]): void;
}

interface StoredGroup {
  readonly info: LogGroupInfo;
  readonly streams: Map<string, LogStreamInfo>;
  /** Every event of the group in the order it was stored (oldest first). */
  readonly events: LogEvent[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * CloudWatch Logs in memory: log groups, their streams and events. Functions' output, rule
 * targets that are log groups and PutLogEvents all land here; the Logs API and the terminal
 * printer read it. Each group keeps at most `maxEventsPerGroup` events (oldest dropped first) and
 * drops events older than its retention (AWS time).
 *
 * @example
 * const logs = new LogStore({ clock });
 * logs.ensureLogGroup('/aws/lambda/orders', { retentionInDays: 7 });
 * logs.putLogEvents('/aws/lambda/orders', '2026/01/01/[$LATEST]abc', [{ timestamp: clock.now(), message: 'hi' }]);
 */
export class LogStore {
  private readonly groups = new Map<string, StoredGroup>();
  private readonly listeners = new Set<LogEventListener>();
  private readonly maxEventsPerGroup: number;

  constructor(private readonly options: LogStoreOptions) {
    this.maxEventsPerGroup = options.maxEventsPerGroup ?? 10_000;
  }

  /** AWS time now (ms since the epoch). */
  now(): number {
    return this.options.clock.now();
  }

  /** `arn:aws:logs:<region>:<account>:log-group:<name>:*`, as DescribeLogGroups' `arn`. */
  arnOf(logGroupName: string): string {
    return `arn:aws:logs:${this.options.region ?? DEFAULT_LOCAL_REGION}:${this.options.accountId ?? '000000000000'}:log-group:${logGroupName}:*`;
  }

  createLogGroup(logGroupName: string, settings: { readonly retentionInDays?: number } = {}): LogGroupInfo {
    if (this.groups.has(logGroupName)) {
      throw new LogsResourceAlreadyExistsError('The specified log group already exists');
    }
    return this.ensureLogGroup(logGroupName, settings);
  }

  /** The group, created when missing (Lambda creates its function's group on first output). */
  ensureLogGroup(logGroupName: string, settings: { readonly retentionInDays?: number } = {}): LogGroupInfo {
    const existing = this.groups.get(logGroupName);
    if (existing) {
      return existing.info;
    }
    const info: LogGroupInfo = {
      logGroupName,
      creationTime: this.options.clock.now(),
      ...(settings.retentionInDays !== undefined ? { retentionInDays: settings.retentionInDays } : {}),
    };
    this.groups.set(logGroupName, { info, streams: new Map(), events: [] });
    this.options.journal?.groupChanged(info);
    return info;
  }

  deleteLogGroup(logGroupName: string): void {
    const group = this.group(logGroupName);
    this.groups.delete(logGroupName);
    this.options.journal?.groupDeleted(logGroupName, [...group.streams.keys()], group.events);
  }

  putRetentionPolicy(logGroupName: string, retentionInDays: number | undefined): void {
    const { info } = this.group(logGroupName);
    if (retentionInDays === undefined) delete info.retentionInDays;
    else info.retentionInDays = retentionInDays;
    this.options.journal?.groupChanged(info);
    this.expire(this.group(logGroupName));
  }

  /**
   * Puts back a group kept under `--data` with its streams and events (oldest first), over the
   * template's group of the same name; not journaled again, except the group itself.
   */
  restoreLogGroup(info: LogGroupInfo, streams: readonly LogStreamInfo[], events: readonly LogEvent[]): void {
    const group: StoredGroup = {
      info: { ...info },
      streams: new Map(streams.map((stream) => [stream.logStreamName, { ...stream }])),
      events: [...events],
    };
    this.groups.set(info.logGroupName, group);
    // The template's group of this name was journaled as it was created: the kept one replaces it.
    this.options.journal?.groupChanged(group.info);
    this.expire(group);
  }

  createLogStream(logGroupName: string, logStreamName: string): void {
    const group = this.group(logGroupName);
    if (group.streams.has(logStreamName)) {
      throw new LogsResourceAlreadyExistsError('The specified log stream already exists');
    }
    this.ensureStream(group, logStreamName);
  }

  /**
   * Stores events in a stream of an existing group; the stream must exist unless `createStream`
   * (the local cloud's own writers create theirs, as Lambda and EventBridge do).
   */
  putLogEvents(
    logGroupName: string,
    logStreamName: string,
    events: readonly { readonly timestamp: number; readonly message: string }[],
    createStream = false,
  ): void {
    const group = this.group(logGroupName);
    const stream = createStream ? this.ensureStream(group, logStreamName) : group.streams.get(logStreamName);
    if (!stream) {
      throw new LogsResourceNotFoundError('The specified log stream does not exist.');
    }
    const ingestionTime = this.options.clock.now();
    const added: LogEvent[] = [];
    for (const { timestamp, message } of events) {
      const event: LogEvent = { eventId: randomUUID(), logStreamName, timestamp, ingestionTime, message };
      group.events.push(event);
      added.push(event);
      stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? timestamp, timestamp);
      stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? timestamp, timestamp);
      stream.lastIngestionTime = ingestionTime;
      stream.storedBytes += Buffer.byteLength(message);
      for (const listener of this.listeners) listener(logGroupName, event);
    }
    this.options.journal?.eventsAdded(logGroupName, added);
    this.options.journal?.streamChanged(logGroupName, stream);
    if (group.events.length > this.maxEventsPerGroup) {
      const dropped = group.events.splice(0, group.events.length - this.maxEventsPerGroup);
      this.options.journal?.eventsDropped(logGroupName, dropped);
    }
  }

  /** Calls `listener` with every event stored from now on; the returned function unsubscribes. */
  subscribe(listener: LogEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hasLogGroup(logGroupName: string): boolean {
    return this.groups.has(logGroupName);
  }

  logGroups(): LogGroupInfo[] {
    return [...this.groups.values()].map((group) => group.info).sort((a, b) => compare(a.logGroupName, b.logGroupName));
  }

  /** The streams of a group (ResourceNotFoundException when it does not exist). */
  logStreams(logGroupName: string): LogStreamInfo[] {
    return [...this.group(logGroupName).streams.values()];
  }

  /** Bytes of the events a group holds now. */
  storedBytes(logGroupName: string): number {
    return this.group(logGroupName).events.reduce((sum, event) => sum + Buffer.byteLength(event.message), 0);
  }

  /**
   * Events of a group within its retention, in the order stored, optionally of some streams only
   * (ResourceNotFoundException when the group does not exist).
   */
  events(logGroupName: string, logStreamNames?: readonly string[]): LogEvent[] {
    const group = this.group(logGroupName);
    this.expire(group);
    if (!logStreamNames) return [...group.events];
    const wanted = new Set(logStreamNames);
    return group.events.filter((event) => wanted.has(event.logStreamName));
  }

  private group(logGroupName: string): StoredGroup {
    const group = this.groups.get(logGroupName);
    if (!group) {
      throw new LogsResourceNotFoundError('The specified log group does not exist.');
    }
    return group;
  }

  private ensureStream(group: StoredGroup, logStreamName: string): LogStreamInfo {
    let stream = group.streams.get(logStreamName);
    if (!stream) {
      stream = { logStreamName, creationTime: this.options.clock.now(), storedBytes: 0 };
      group.streams.set(logStreamName, stream);
      this.options.journal?.streamChanged(group.info.logGroupName, stream);
    }
    return stream;
  }

  /** Drops the events older than the group's retention (AWS time). */
  private expire(group: StoredGroup): void {
    const days = group.info.retentionInDays;
    if (days === undefined) return;
    const oldest = this.options.clock.now() - days * DAY_MS;
    const firstKept = group.events.findIndex((event) => event.timestamp >= oldest);
    if (firstKept === 0) return;
    const dropped = group.events.splice(0, firstKept < 0 ? group.events.length : firstKept);
    if (dropped.length > 0) this.options.journal?.eventsDropped(group.info.logGroupName, dropped);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
