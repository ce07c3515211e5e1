import type { LocalPipes, PipeJournal, StoredPipe } from '../pipes';
import type { DurableStore } from './durable-store';
import { KeptRecords } from './kept-records';

/**
 * EventBridge Pipes under `--data`: the pipes created through the API, and every pipe's desired
 * state (StartPipe/StopPipe), members (UpdatePipe) and tags, so a stopped pipe stays stopped
 * after a restart and a deleted one stays deleted.
 */
export class PipeStore implements PipeJournal {
  private readonly pipes: KeptRecords<StoredPipe>;

  constructor(store: DurableStore) {
    this.pipes = new KeptRecords(store, 'pipes/pipe/');
  }

  pipeChanged(pipe: StoredPipe): void {
    this.pipes.changed(pipe.name, pipe);
  }

  pipeDeleted(name: string): void {
    this.pipes.deleted(name);
  }

  /**
   * Puts back the kept pipes over the template's; call before the pipes start polling.
   * @returns how many
   */
  async restore(pipes: LocalPipes): Promise<number> {
    return this.pipes.restore(await this.pipes.load(), {
      restore: (pipe) => {
        pipes.restorePipe(pipe);
        return true;
      },
      forget: (name) => pipes.forgetPipe(name),
    });
  }
}
