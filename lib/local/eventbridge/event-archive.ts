import type { CompiledEventPattern } from './pattern';
import type { EventEnvelope } from './event-envelope';

/** An event an archive holds, with when it was archived (AWS ms). */
export interface ArchivedEvent {
  readonly event: EventEnvelope;
  readonly archivedAt: number;
}

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
  private readonly recorded: ArchivedEvent[] = [];

  constructor(readonly props: EventArchiveProps) {}

  get name(): string {
    return this.props.name;
  }

  /** Records the event when it matches; replayed events are never archived again (as in AWS). */
  offer(event: EventEnvelope, now: number): boolean {
    if (event['replay-name'] !== undefined) return false;
    if (this.props.compiledPattern && !this.props.compiledPattern.matches(event)) return false;
    this.expire(now);
    this.recorded.push({ event, archivedAt: now });
    return true;
  }

  /** The archived events between two AWS times (inclusive), oldest first. */
  events(from = -Infinity, to = Infinity, now?: number): ArchivedEvent[] {
    if (now !== undefined) this.expire(now);
    return this.recorded.filter((archived) => archived.archivedAt >= from && archived.archivedAt <= to);
  }

  get eventCount(): number {
    return this.recorded.length;
  }

  get sizeBytes(): number {
    return this.recorded.reduce((total, archived) => total + Buffer.byteLength(JSON.stringify(archived.event)), 0);
  }

  /** DescribeArchive / ListArchives output. */
  describe(): Record<string, unknown> {
    const { name, arn, eventSourceArn, eventPattern, retentionDays, description, createdAt } = this.props;
    return {
      ArchiveName: name,
      ArchiveArn: arn,
      EventSourceArn: eventSourceArn,
      ...(eventPattern !== undefined ? { EventPattern: eventPattern } : {}),
      ...(description !== undefined ? { Description: description } : {}),
      State: 'ENABLED',
      RetentionDays: retentionDays,
      SizeBytes: this.sizeBytes,
      EventCount: this.eventCount,
      CreationTime: createdAt / 1000,
    };
  }

  private expire(now: number): void {
    if (this.props.retentionDays <= 0) return;
    const oldest = now - this.props.retentionDays * 86_400_000;
    while (this.recorded.length > 0 && (this.recorded[0]?.archivedAt ?? Infinity) < oldest) {
      this.recorded.shift();
    }
  }
}
