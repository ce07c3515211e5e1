import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScaledClock } from '../../../lib/local/clock';
import { TraceFileWriter, TraceRecorder } from '../../../lib/local/trace';

function recordMessages(trace: TraceRecorder, count: number): void {
  for (let index = 0; index < count; index++) {
    trace.record({ kind: 'message.deleted', queue: 'q', messageId: `m-${index}` });
  }
}

describe('the trace as a ring buffer', () => {
  it('keeps the newest records up to its capacity, in order, and counts the dropped ones', () => {
    const trace = new TraceRecorder(new ScaledClock(), undefined, { capacity: 3 });

    recordMessages(trace, 5);

    expect(trace.events().map((event) => event.seq)).toEqual([3, 4, 5]);
    expect(trace.size).toBe(3);
    expect(trace.dropped).toBe(2);
    expect(trace.lastSeq).toBe(5);
    expect(trace.toJsonLines().trim().split('\n')).toHaveLength(3);
  });

  it('refuses a capacity that is not a whole number of records', () => {
    expect(() => new TraceRecorder(new ScaledClock(), undefined, { capacity: 0 })).toThrow(
      "trace capacity must be a whole number of records of 1 or more, got '0'",
    );
  });

  it('streams every record to --trace-out, the dropped ones too', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'trace-out-'));
    try {
      const trace = new TraceRecorder(new ScaledClock(), undefined, { capacity: 2 });
      recordMessages(trace, 1);
      const writer = TraceFileWriter.start(trace, join(directory, 'trace.jsonl'));
      recordMessages(trace, 9);
      await writer.close();

      const lines = readFileSync(join(directory, 'trace.jsonl'), 'utf8').trim().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(writer.records).toBe(10);
      expect(trace.dropped).toBe(8);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
