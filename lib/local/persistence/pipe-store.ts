import type { LocalPipes, StoredPipe } from '../pipes';
import type { DurableStore } from './durable-store';
import { JournaledRecords, type RecordRestorer } from './kept-records';

/**
 * EventBridge Pipes under `--data`: the pipes created through the API, and every pipe's desired
 * state (StartPipe/StopPipe), members (UpdatePipe) and tags, so a stopped pipe stays stopped
 * after a restart and a deleted one stays deleted. Restore before the pipes start polling.
 */
export class PipeStore extends JournaledRecords<StoredPipe, LocalPipes> {
  constructor(store: DurableStore) {
    super(store, 'pipes/pipe/', (pipe) => pipe.name, pipesRestorer);
  }
}

/** A kept pipe replaces the template's of its name; a pipe deleted through the API is forgotten again. */
function pipesRestorer(pipes: LocalPipes): RecordRestorer<StoredPipe> {
  return {
    restore: (pipe) => {
      pipes.restorePipe(pipe);
      return true;
    },
    forget: (name) => pipes.forgetPipe(name),
  };
}
