import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import type { EventEnvelope } from './event-envelope';

/** An event an archive holds, with when it was archived (AWS ms). */
export interface ArchivedEvent {
  readonly event: EventEnvelope;
  readonly archivedAt: number;
}

/**
 * Where an archive keeps its events, oldest first. The archive decides what to record and what
 * has expired; the storage holds the events and bounds what it costs.
 */
export interface ArchiveStorage {
  append(archived: ArchivedEvent): void;
  /** Drops events archived before `oldestKept` (AWS ms): the retention period passed. */
  dropBefore(oldestKept: number): void;
  /** The events archived between two AWS times (inclusive), oldest first. */
  read(from: number, to: number): ArchivedEvent[];
  readonly eventCount: number;
  /** Bytes of the events kept, as JSON. */
  readonly sizeBytes: number;
  /** Events dropped to stay within the storage's bound (not by retention). */
  readonly droppedCount: number;
  close(): void;
  /** Closes and forgets every event (DeleteArchive): an archive created again later starts empty. */
  discard(): void;
}

/** In-memory archives keep at most this many bytes of events by default. */
export const DEFAULT_ARCHIVE_MEMORY_BYTES = 64 * 1024 * 1024;

interface StoredEvent {
  readonly archivedAt: number;
  readonly bytes: number;
  readonly event: EventEnvelope;
}

/**
 * Events in memory, bounded in bytes: past the bound the oldest are dropped first and counted,
 * so an archive that records everything forever (RetentionDays 0) cannot exhaust the process.
 */
export class MemoryArchiveStorage implements ArchiveStorage {
  private readonly events: StoredEvent[] = [];
  /** Index of the first live entry: dropping from the front is a counter, not an array shift. */
  private head = 0;
  private bytes = 0;
  private dropped = 0;

  constructor(private readonly maxBytes = DEFAULT_ARCHIVE_MEMORY_BYTES) {}

  append({ event, archivedAt }: ArchivedEvent): void {
    const bytes = Buffer.byteLength(JSON.stringify(event));
    this.events.push({ archivedAt, bytes, event });
    this.bytes += bytes;
    while (this.bytes > this.maxBytes && this.head < this.events.length - 1) {
      this.dropFirst();
      this.dropped++;
    }
    this.compact();
  }

  dropBefore(oldestKept: number): void {
    while (this.head < this.events.length && (this.events[this.head]?.archivedAt ?? Infinity) < oldestKept) {
      this.dropFirst();
    }
    this.compact();
  }

  read(from: number, to: number): ArchivedEvent[] {
    const found: ArchivedEvent[] = [];
    for (let index = this.head; index < this.events.length; index++) {
      const stored = this.events[index];
      if (stored && stored.archivedAt >= from && stored.archivedAt <= to) {
        found.push({ event: stored.event, archivedAt: stored.archivedAt });
      }
    }
    return found;
  }

  get eventCount(): number {
    return this.events.length - this.head;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  get droppedCount(): number {
    return this.dropped;
  }

  close(): void {
    this.events.length = 0;
    this.head = 0;
    this.bytes = 0;
  }

  discard(): void {
    this.close();
  }

  private dropFirst(): void {
    this.bytes -= this.events[this.head]?.bytes ?? 0;
    this.head++;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events.splice(0, this.head);
      this.head = 0;
    }
  }
}

interface FileEntry {
  readonly archivedAt: number;
  readonly offset: number;
  readonly length: number;
}

/**
 * Events in an append-only JSON Lines file (`--data`), so an archive costs memory for its index
 * only and survives a restart or a `kill -9`: each event is written to the file (the operating
 * system's cache, which a killed process cannot lose) before PutEvents answers. The file is
 * fsynced on close, and rewritten without the expired events once they are most of it.
 */
export class FileArchiveStorage implements ArchiveStorage {
  private entries: FileEntry[] = [];
  private head = 0;
  private liveBytes = 0;
  private fileBytes = 0;
  private fd: number;

  constructor(private readonly file: string) {
    if (existsSync(file)) this.load();
    this.fd = openSync(file, 'a+');
  }

  append(archived: ArchivedEvent): void {
    const line = Buffer.from(`${JSON.stringify(archived)}\n`, 'utf8');
    writeSync(this.fd, line);
    this.entries.push({ archivedAt: archived.archivedAt, offset: this.fileBytes, length: line.length });
    this.fileBytes += line.length;
    this.liveBytes += line.length;
  }

  dropBefore(oldestKept: number): void {
    while (this.head < this.entries.length && (this.entries[this.head]?.archivedAt ?? Infinity) < oldestKept) {
      this.liveBytes -= this.entries[this.head]?.length ?? 0;
      this.head++;
    }
    if (this.head > 0 && this.fileBytes > 1024 * 1024 && this.liveBytes * 2 < this.fileBytes) this.rewrite();
  }

  read(from: number, to: number): ArchivedEvent[] {
    const found: ArchivedEvent[] = [];
    for (let index = this.head; index < this.entries.length; index++) {
      const entry = this.entries[index];
      if (!entry || entry.archivedAt < from || entry.archivedAt > to) continue;
      const buffer = Buffer.alloc(entry.length);
      readSync(this.fd, buffer, 0, entry.length, entry.offset);
      found.push(JSON.parse(buffer.toString('utf8')) as ArchivedEvent);
    }
    return found;
  }

  get eventCount(): number {
    return this.entries.length - this.head;
  }

  get sizeBytes(): number {
    return this.liveBytes;
  }

  get droppedCount(): number {
    return 0;
  }

  close(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
  }

  discard(): void {
    closeSync(this.fd);
    rmSync(this.file, { force: true });
  }

  /** Rebuilds the index from the file; a torn last line (a crash mid-write) is cut off. */
  private load(): void {
    const content = readFileSync(this.file);
    let offset = 0;
    while (offset < content.length) {
      const end = content.indexOf(0x0a, offset);
      if (end < 0) break;
      const line = content.subarray(offset, end);
      try {
        const { archivedAt } = JSON.parse(line.toString('utf8')) as ArchivedEvent;
        this.entries.push({ archivedAt, offset, length: end + 1 - offset });
        this.liveBytes += end + 1 - offset;
      } catch {
        break;
      }
      offset = end + 1;
    }
    this.fileBytes = offset;
    if (offset < content.length) this.rewrite(content.subarray(0, offset));
  }

  /** Writes the live events to a new file and swaps it in (rename is atomic). */
  private rewrite(prefix?: Buffer): void {
    const temporary = `${this.file}.tmp`;
    const out = openSync(temporary, 'w');
    const kept: FileEntry[] = [];
    let written = 0;
    const source = prefix ?? undefined;
    for (let index = this.head; index < this.entries.length; index++) {
      const entry = this.entries[index];
      if (!entry) continue;
      const buffer = source ? source.subarray(entry.offset, entry.offset + entry.length) : Buffer.alloc(entry.length);
      if (!source) readSync(this.fd, buffer, 0, entry.length, entry.offset);
      writeSync(out, buffer);
      kept.push({ archivedAt: entry.archivedAt, offset: written, length: entry.length });
      written += entry.length;
    }
    fsyncSync(out);
    closeSync(out);
    if (!source) closeSync(this.fd);
    renameSync(temporary, this.file);
    if (!source) this.fd = openSync(this.file, 'a+');
    this.entries = kept;
    this.head = 0;
    this.fileBytes = written;
    this.liveBytes = written;
  }
}
