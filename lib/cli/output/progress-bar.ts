/**
 * A one-line progress bar for long runs (`choreo demo`, `choreo compare`, `choreo bench`). It
 * draws only on a TTY and stays silent when `CI` is set, so logs of automated runs stay clean.
 */
export interface ProgressBarOptions {
  readonly label: string;
  readonly total: number;
  /** @default process.stderr */
  readonly stream?: NodeJS.WriteStream;
  /** @default - on when the stream is a TTY and CI is not set */
  readonly enabled?: boolean;
}

export class ProgressBar {
  private readonly stream: NodeJS.WriteStream;
  private readonly enabled: boolean;
  private lastDrawn = -1;

  constructor(private readonly options: ProgressBarOptions) {
    this.stream = options.stream ?? process.stderr;
    this.enabled = options.enabled ?? (Boolean(this.stream.isTTY) && !process.env.CI);
  }

  /** Draws the bar at `done` of `total` (redraws at most once per percent). */
  update(done: number, suffix = ''): void {
    if (!this.enabled) return;
    const total = Math.max(1, this.options.total);
    const percent = Math.min(100, Math.floor((done / total) * 100));
    if (percent === this.lastDrawn && !suffix) return;
    this.lastDrawn = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    this.stream.write(
      `\r${this.options.label} ${bar} ${String(percent).padStart(3)}% ${done}/${this.options.total} ${suffix}`.padEnd(
        80,
      ),
    );
  }

  /** Clears the bar's line. */
  finish(): void {
    if (!this.enabled) return;
    this.stream.write(`\r${' '.repeat(100)}\r`);
  }
}
