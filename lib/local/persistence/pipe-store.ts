import type { LocalPipes, PipeJournal, StoredPipe } from '../pipes';
import type { DurableStore } from './durable-store';

const PIPE_PREFIX = 'pipes/pipe/';

/** A deletion, kept so a template's pipe deleted through the API stays deleted. */
interface Deleted {
  readonly deleted: true;
}

/**
 * EventBridge Pipes under `--data`: the pipes created through the API, and every pipe's desired
 * state (StartPipe/StopPipe), members (UpdatePipe) and tags, so a stopped pipe stays stopped
 * after a restart and a deleted one stays deleted.
 */
export class PipeStore implements PipeJournal {
  constructor(private readonly store: DurableStore) {}

  pipeChanged(pipe: StoredPipe): void {
    this.store.put(`${PIPE_PREFIX}${pipe.name}`, () => pipe);
  }

  pipeDeleted(name: string): void {
    this.store.put(`${PIPE_PREFIX}${name}`, (): Deleted => ({ deleted: true }));
  }

  /**
   * Puts back the kept pipes over the template's; call before the pipes start polling.
   * @returns how many
   */
  async restore(pipes: LocalPipes): Promise<number> {
    let restored = 0;
    for (const [key, value] of await this.store.load(PIPE_PREFIX)) {
      if ((value as Partial<Deleted>).deleted === true) {
        // Nothing of the template brings it back: the deletion need not be kept any longer.
        if (!pipes.forgetPipe(key.slice(PIPE_PREFIX.length))) this.store.del(key);
        continue;
      }
      pipes.restorePipe(value as StoredPipe);
      restored++;
    }
    return restored;
  }
}
