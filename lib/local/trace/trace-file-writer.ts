import { createWriteStream, type WriteStream } from 'node:fs';
import type { TraceRecorder } from './trace-recorder';

/**
 * Streams a trace to a file as JSON Lines (`--trace-out`), every record as it happens, so the
 * file has the whole run however small the in-memory ring is. The records kept so far are
 * written first.
 *
 * @example
 * const writer = TraceFileWriter.start(cloud.trace, 'trace.jsonl');
 * // ... the run ...
 * await writer.close();
 */
export class TraceFileWriter {
  private written = 0;

  private constructor(
    private readonly stream: WriteStream,
    private readonly unsubscribe: () => void,
  ) {}

  static start(trace: TraceRecorder, path: string, options: { readonly append?: boolean } = {}): TraceFileWriter {
    const stream = createWriteStream(path, { flags: options.append ? 'a' : 'w' });
    const writer: { current?: TraceFileWriter } = {};
    const write = (line: string) => {
      stream.write(line);
      if (writer.current) writer.current.written++;
    };
    const backlog = trace.events();
    const unsubscribe = trace.subscribe((event) => write(`${JSON.stringify(event)}\n`));
    writer.current = new TraceFileWriter(stream, unsubscribe);
    for (const event of backlog) write(`${JSON.stringify(event)}\n`);
    return writer.current;
  }

  /** Records written so far. */
  get records(): number {
    return this.written;
  }

  /** Stops listening and closes the file once everything is written. */
  close(): Promise<void> {
    this.unsubscribe();
    return new Promise((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}
