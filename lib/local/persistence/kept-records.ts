import type { RecordJournal } from '../record-journal';
import type { DurableStore } from './durable-store';

/** A deletion, kept so a template's resource deleted through the API stays deleted. */
interface Deletion {
  readonly deleted: true;
}

/** One key read back: the record kept under it, or the deletion of what it names. */
export type KeptRecord<T> =
  | { readonly key: string; readonly record: T; readonly deleted?: undefined }
  | { readonly key: string; readonly deleted: true };

/** How a service takes back what was kept. */
export interface RecordRestorer<T> {
  /** Puts the record back; `false` when the service cannot take it any more (it is then forgotten). */
  restore(record: T): boolean;
  /**
   * Forgets what the key names, which the template has made again; `false` when the template
   * did not make it (the deletion need not be kept any longer).
   */
  forget(key: string): boolean;
}

/**
 * The records of one kind of resource under a key prefix of the durable store, and their
 * deletions: a resource the template makes at every start stays deleted once it was deleted
 * through the API.
 */
export class KeptRecords<T> {
  constructor(
    private readonly store: DurableStore,
    private readonly prefix: string,
  ) {}

  put(key: string, record: T): void {
    this.store.put(`${this.prefix}${key}`, () => record);
  }

  putDeletion(key: string): void {
    this.store.put(`${this.prefix}${key}`, (): Deletion => ({ deleted: true }));
  }

  async load(): Promise<KeptRecord<T>[]> {
    return (await this.store.load(this.prefix)).map(([key, value]) => {
      const name = key.slice(this.prefix.length);
      return isDeletion(value) ? { key: name, deleted: true } : { key: name, record: value as T };
    });
  }

  /**
   * Puts back the kept records and forgets what was deleted; a record the service cannot take
   * and a deletion of nothing are dropped from the store.
   * @returns how many records came back
   */
  putBack(kept: readonly KeptRecord<T>[], restorer: RecordRestorer<T>): number {
    let restored = 0;
    for (const entry of kept) {
      if (entry.deleted ? restorer.forget(entry.key) : restorer.restore(entry.record)) {
        if (!entry.deleted) restored++;
      } else {
        this.store.del(`${this.prefix}${entry.key}`);
      }
    }
    return restored;
  }
}

function isDeletion(value: unknown): value is Deletion {
  return typeof value === 'object' && value !== null && (value as Partial<Deletion>).deleted === true;
}

/**
 * The store of one kind of a service's records, keyed by `keyOf`, that the service journals its
 * changes to and that puts them back into the service at start.
 */
export class JournaledRecords<T, Service> extends KeptRecords<T> implements RecordJournal<T> {
  constructor(
    store: DurableStore,
    prefix: string,
    private readonly keyOf: (record: T) => string,
    private readonly restorerOf: (service: Service) => RecordRestorer<T>,
  ) {
    super(store, prefix);
  }

  changed(record: T): void {
    this.put(this.keyOf(record), record);
  }

  deleted(key: string): void {
    this.putDeletion(key);
  }

  /**
   * Puts back the kept records over the template's, and forgets what was deleted.
   * @returns how many records came back
   */
  async restore(service: Service): Promise<number> {
    return this.putBack(await this.load(), this.restorerOf(service));
  }
}
