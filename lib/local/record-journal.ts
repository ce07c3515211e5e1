/**
 * What a service tells the store that keeps one kind of its records under `--data` (pipes, state
 * machines): a record changed, or the record under a key was deleted. Calls only stage.
 */
export interface RecordJournal<T> {
  changed(record: T): void;
  deleted(key: string): void;
}
