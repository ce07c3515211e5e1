import { MemoryArchiveStorage, type ArchivedEvent, type ArchiveStorage } from './archive-storage';
import type { CompiledEventPattern } from './pattern';
import type { EventEnvelope } from './event-envelope';
import { definedMembers } from '../defined-members';

export type { ArchivedEvent } from './archive-storage';

export interface EventArchiveProps {
  readonly name: string;
  readonly arn: string;
  /** The ARN of the bus whose events it records. */
  readonly eventSourceArn: string;
  readonly eventPattern?: string;
  readonly compiledPattern?: CompiledEventPattern;
  /** 0 keeps events forever. */
  readonly retentionDays: number;
  readonly description?: string;
  readonly createdAt: number;
}

/**
 * An archive of a bus: every event put on the bus that matches its pattern (all of them without
 * one), kept for the retention period, in arrival order — what a replay needs.
 */
export class EventArchive {
  /**
   * @param storage where the events live: bounded memory by default, an append-only file under
   *   `--data` (`FileArchiveStorage`).
   */
  constructor(
    readonly props: EventArchiveProps,
    private readonly storage: ArchiveStorage = new MemoryArchiveStorage(),
  ) {}

  get name(): string {
    return this.props.name;
  }

  /** Records the event when it matches; replayed events are never archived again (as in AWS). */
  offer(event: EventEnvelope, now: number): boolean {
    if (event['replay-name'] !== undefined) return false;
    if (this.props.compiledPattern && !this.props.compiledPattern.matches(event)) return false;
    this.expire(now);
    this.storage.append({ event, archivedAt: now });
    return true;
  }

  /** The archived events between two AWS times (inclusive), oldest first. */
  events(from = -Infinity, to = Infinity, now?: number): ArchivedEvent[] {
    if (now !== undefined) this.expire(now);
    return this.storage.read(from, to);
  }

  get eventCount(): number {
    return this.storage.eventCount;
  }

  get sizeBytes(): number {
    return this.storage.sizeBytes;
  }

  /** Events dropped to keep an in-memory archive within its bound (AWS never drops them). */
  get droppedCount(): number {
    return this.storage.droppedCount;
  }

  /** Lets go of the storage (closes its file). */
  close(): void {
    this.storage.close();
  }

  /** Closes the storage and forgets its events (DeleteArchive). */
  discard(): void {
    this.storage.discard();
  }

  /** DescribeArchive / ListArchives output. */
  describe(): Record<string, unknown> {
    const { name, arn, eventSourceArn, eventPattern, retentionDays, description, createdAt } = this.props;
    return {
      ArchiveName: name,
      ArchiveArn: arn,
      EventSourceArn: eventSourceArn,
      ...definedMembers({ EventPattern: eventPattern, Description: description }),
      State: 'ENABLED',
      RetentionDays: retentionDays,
      SizeBytes: this.sizeBytes,
      EventCount: this.eventCount,
      CreationTime: createdAt / 1000,
    };
  }

  private expire(now: number): void {
    if (this.props.retentionDays <= 0) return;
    this.storage.dropBefore(now - this.props.retentionDays * 86_400_000);
  }
}
