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

/** What each storage's index knows of an event: when it was archived and the bytes it takes. */
interface IndexEntry {
  readonly archivedAt: number;
  readonly bytes: number;
}

/**
 * The index both storages keep: entries oldest first, the live ones from `head` on (dropping
 * from the front moves a counter rather than shifting the array), and the bytes they take.
 */
abstract class ArchiveIndex<Entry extends IndexEntry> {
  protected entries: Entry[] = [];
  protected head = 0;
  protected liveBytes = 0;

  get eventCount(): number {
    return this.entries.length - this.head;
  }

  get sizeBytes(): number {
    return this.liveBytes;
  }

  protected push(entry: Entry): void {
    this.entries.push(entry);
    this.liveBytes += entry.bytes;
  }

  protected dropFirst(): void {
    this.liveBytes -= this.entries[this.head]?.bytes ?? 0;
    this.head++;
  }

  protected dropArchivedBefore(oldestKept: number): void {
    while (this.head < this.entries.length && (this.entries[this.head]?.archivedAt ?? Infinity) < oldestKept) {
      this.dropFirst();
    }
  }

  /** The live entries archived between two AWS times (inclusive), oldest first. */
  protected liveBetween(from: number, to: number): Entry[] {
    const found: Entry[] = [];
    for (let index = this.head; index < this.entries.length; index++) {
      const entry = this.entries[index];
      if (entry && entry.archivedAt >= from && entry.archivedAt <= to) found.push(entry);
    }
    return found;
  }
}

interface StoredEvent extends IndexEntry {
  readonly event: EventEnvelope;
}

/**
 * Events in memory, bounded in bytes: past the bound the oldest are dropped first and counted,
 * so an archive that records everything forever (RetentionDays 0) cannot exhaust the process.
 */
export class MemoryArchiveStorage extends ArchiveIndex<StoredEvent> implements ArchiveStorage {
  private dropped = 0;

  constructor(private readonly maxBytes = DEFAULT_ARCHIVE_MEMORY_BYTES) {
    super();
  }

  append({ event, archivedAt }: ArchivedEvent): void {
    this.push({ archivedAt, bytes: Buffer.byteLength(JSON.stringify(event)), event });
    while (this.liveBytes > this.maxBytes && this.head < this.entries.length - 1) {
      this.dropFirst();
      this.dropped++;
    }
    this.compact();
  }

  dropBefore(oldestKept: number): void {
    this.dropArchivedBefore(oldestKept);
    this.compact();
  }

  read(from: number, to: number): ArchivedEvent[] {
    return this.liveBetween(from, to).map(({ event, archivedAt }) => ({ event, archivedAt }));
  }

  get droppedCount(): number {
    return this.dropped;
  }

  close(): void {
    this.entries.length = 0;
    this.head = 0;
    this.liveBytes = 0;
  }

  discard(): void {
    this.close();
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head);
      this.head = 0;
    }
  }
}

interface FileEntry extends IndexEntry {
  /** Where the event's line starts in the file; `bytes` is the line's length. */
  readonly offset: number;
}

/**
 * Events in an append-only JSON Lines file (`--data`), so an archive costs memory for its index
 * only and survives a restart or a `kill -9`: each event is written to the file (the operating
 * system's cache, which a killed process cannot lose) before PutEvents answers. The file is
 * fsynced on close, and rewritten without the expired events once they are most of it.
 */
export class FileArchiveStorage extends ArchiveIndex<FileEntry> implements ArchiveStorage {
  private fileBytes = 0;
  private fd: number;

  constructor(private readonly file: string) {
    super();
    if (existsSync(file)) this.load();
    this.fd = openSync(file, 'a+');
  }

  append(archived: ArchivedEvent): void {
    const line = Buffer.from(`${JSON.stringify(archived)}\n`, 'utf8');
    writeSync(this.fd, line);
    this.push({ archivedAt: archived.archivedAt, offset: this.fileBytes, bytes: line.length });
    this.fileBytes += line.length;
  }

  dropBefore(oldestKept: number): void {
    this.dropArchivedBefore(oldestKept);
    if (this.head > 0 && this.fileBytes > 1024 * 1024 && this.liveBytes * 2 < this.fileBytes) this.rewrite();
  }

  read(from: number, to: number): ArchivedEvent[] {
    return this.liveBetween(from, to).map((entry) => {
      const buffer = Buffer.alloc(entry.bytes);
      readSync(this.fd, buffer, 0, entry.bytes, entry.offset);
      return JSON.parse(buffer.toString('utf8')) as ArchivedEvent;
    });
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
        this.push({ archivedAt, offset, bytes: end + 1 - offset });
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
      const buffer = source ? source.subarray(entry.offset, entry.offset + entry.bytes) : Buffer.alloc(entry.bytes);
      if (!source) readSync(this.fd, buffer, 0, entry.bytes, entry.offset);
      writeSync(out, buffer);
      kept.push({ archivedAt: entry.archivedAt, offset: written, bytes: entry.bytes });
      written += entry.bytes;
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
