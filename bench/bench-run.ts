import type { Figure } from './results-file';

/** What every benchmark group gets: how many runs to make, and where to say what it skipped. */
export interface BenchRun {
  /** Measured runs per figure (after warm-up). */
  readonly runs: number;
  /** Records a note for the results file (a skipped figure, a caveat); printed too. */
  readonly note: (text: string) => void;
  /** Progress messages while a group runs (quiet under CI). */
  readonly log: (text: string) => void;
}

/** The figures one group measured, by figure id. */
export type Figures = Record<string, Figure>;

/** A benchmark that failed to run at all (not a slow figure): not retryable without a fix. */
export class BenchmarkError extends Error {
  override readonly name = 'BenchmarkError';
  readonly retryable = false;
}
