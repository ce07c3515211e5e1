import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/**
 * Watches directories (each on its own, not recursively: only the folders that hold sources,
 * never node_modules) and reports the files that changed in one batch once events stop coming
 * for `debounceMs` — an editor's save (write, rename, chmod) or a `git checkout` is one batch.
 */
export class DebouncedFileWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly onBatch: (paths: readonly string[]) => void,
    private readonly debounceMs = 100,
  ) {}

  /** Starts watching the directories not watched yet (a rebuild can bring new ones). */
  watchDirectories(directories: Iterable<string>): void {
    for (const directory of directories) {
      if (this.closed || this.watchers.has(directory)) continue;
      try {
        const watcher = watch(directory, { persistent: false }, (_event, file) => {
          if (file) this.changed(join(directory, file.toString()));
        });
        // A directory removed while watched: nothing left to report from it.
        watcher.on('error', () => this.unwatch(directory));
        this.watchers.set(directory, watcher);
      } catch {
        // Gone between listing and watching: nothing to watch.
      }
    }
  }

  /** The directories watched now. */
  get directories(): readonly string[] {
    return [...this.watchers.keys()];
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const directory of [...this.watchers.keys()]) this.unwatch(directory);
  }

  private unwatch(directory: string): void {
    this.watchers.get(directory)?.close();
    this.watchers.delete(directory);
  }

  private changed(path: string): void {
    this.pending.add(path);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const batch = [...this.pending];
      this.pending = new Set();
      if (!this.closed) this.onBatch(batch);
    }, this.debounceMs);
  }
}
