import type { LogEvent, LogGroupInfo, LogJournal, LogStore, LogStreamInfo } from '../logs';
import type { DurableStore } from './durable-store';

const GROUP_PREFIX = 'logs/group/';
const STREAM_PREFIX = 'logs/stream/';
const EVENT_PREFIX = 'logs/event/';

/** What was kept, read before the template's log groups are created (and journaled). */
export interface SavedLogGroups {
  readonly groups: [key: string, value: unknown][];
  readonly streams: [key: string, value: unknown][];
  readonly events: [key: string, value: unknown][];
}

/**
 * CloudWatch Logs under `--data`: log groups with their retention, streams, and events one record
 * each, deleted as the store drops them (past its per-group bound or the retention), so what is
 * kept is bounded as what is in memory is.
 */
export class LogGroupStore implements LogJournal {
  private ordinal = 0;
  /** The key of each event kept (events are plain records the Logs API reads). */
  private readonly keys = new WeakMap<LogEvent, string>();

  constructor(private readonly store: DurableStore) {}

  groupChanged(group: LogGroupInfo): void {
    this.store.put(groupKey(group.logGroupName), () => group);
  }

  groupDeleted(logGroupName: string, streams: readonly string[], events: readonly LogEvent[]): void {
    this.store.del(groupKey(logGroupName));
    for (const stream of streams) this.store.del(streamKey(logGroupName, stream));
    this.eventsDropped(logGroupName, events);
  }

  streamChanged(logGroupName: string, stream: LogStreamInfo): void {
    this.store.put(streamKey(logGroupName, stream.logStreamName), () => stream);
  }

  eventsAdded(logGroupName: string, events: readonly LogEvent[]): void {
    for (const event of events) {
      const key = `${EVENT_PREFIX}${encodeURIComponent(logGroupName)}/${(++this.ordinal).toString(36).padStart(12, '0')}`;
      this.keys.set(event, key);
      this.store.put(key, () => event);
    }
  }

  eventsDropped(_logGroupName: string, events: readonly LogEvent[]): void {
    for (const event of events) {
      const key = this.keys.get(event);
      if (key !== undefined) this.store.del(key);
    }
  }

  /** Reads what was kept; call before the template's log groups are created. */
  async load(): Promise<SavedLogGroups> {
    return {
      groups: await this.store.load(GROUP_PREFIX),
      streams: await this.store.load(STREAM_PREFIX),
      events: await this.store.load(EVENT_PREFIX),
    };
  }

  /**
   * Puts back the kept groups with their streams and events.
   * @returns how many events came back
   */
  restore(logs: LogStore, saved: SavedLogGroups): number {
    const streams = new Map<string, LogStreamInfo[]>();
    for (const [key, value] of saved.streams) {
      const group = key.slice(STREAM_PREFIX.length, key.lastIndexOf('/'));
      streams.set(group, [...(streams.get(group) ?? []), value as LogStreamInfo]);
    }
    const events = new Map<string, LogEvent[]>();
    for (const [key, value] of saved.events) {
      const group = key.slice(EVENT_PREFIX.length, key.lastIndexOf('/'));
      const ordinal = parseInt(key.slice(key.lastIndexOf('/') + 1), 36);
      if (ordinal > this.ordinal) this.ordinal = ordinal;
      const event = value as LogEvent;
      this.keys.set(event, key);
      let list = events.get(group);
      if (!list) events.set(group, (list = []));
      list.push(event);
    }
    let restored = 0;
    for (const [, value] of saved.groups) {
      const info = value as LogGroupInfo;
      const name = encodeURIComponent(info.logGroupName);
      const kept = events.get(name) ?? [];
      logs.restoreLogGroup(info, streams.get(name) ?? [], kept);
      events.delete(name);
      restored += kept.length;
    }
    // Events of a group that is no longer kept (a crash between two batches cannot do this, a
    // group deleted by an older version could): forgotten.
    for (const orphans of events.values()) this.eventsDropped('', orphans);
    return restored;
  }
}

function groupKey(logGroupName: string): string {
  return `${GROUP_PREFIX}${encodeURIComponent(logGroupName)}`;
}

function streamKey(logGroupName: string, logStreamName: string): string {
  return `${STREAM_PREFIX}${encodeURIComponent(logGroupName)}/${encodeURIComponent(logStreamName)}`;
}
