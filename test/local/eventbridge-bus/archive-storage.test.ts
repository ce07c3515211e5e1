import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ScaledClock } from '../../../lib/local/clock';
import { LocalEventBridge } from '../../../lib/local/eventbridge';
import {
  FileArchiveStorage,
  MemoryArchiveStorage,
  type ArchivedEvent,
} from '../../../lib/local/eventbridge/archive-storage';
import type { EventEnvelope } from '../../../lib/local/eventbridge/event-envelope';
import { LocalSqs } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';

function archived(index: number, detail: Record<string, unknown> = { index }): ArchivedEvent {
  const event = {
    version: '0',
    id: `event-${index}`,
    'detail-type': 'Archived',
    source: 'test.archive',
    account: '000000000000',
    time: '2026-12-03T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  } as EventEnvelope;
  return { event, archivedAt: index * 1000 };
}

describe('archive storage', () => {
  const directory = temporaryDirectoryForEachTest('archive-storage-');

  it('keeps an in-memory archive within its byte bound by dropping the oldest events first', () => {
    const oneEventBytes = Buffer.byteLength(JSON.stringify(archived(0).event));
    const storage = new MemoryArchiveStorage(oneEventBytes * 3);

    for (let index = 0; index < 10; index++) storage.append(archived(index));

    expect(storage.read(-Infinity, Infinity).map((entry) => entry.event.id)).toEqual(['event-7', 'event-8', 'event-9']);
    expect(storage).toMatchObject({ eventCount: 3, droppedCount: 7, sizeBytes: oneEventBytes * 3 });
  });

  it('drops in-memory events past the retention period without counting them as dropped', () => {
    const storage = new MemoryArchiveStorage();
    for (let index = 0; index < 5; index++) storage.append(archived(index));

    storage.dropBefore(3000);

    expect(storage.read(-Infinity, Infinity).map((entry) => entry.archivedAt)).toEqual([3000, 4000]);
    expect(storage.droppedCount).toBe(0);
  });

  it('finds a file archive again after a restart, and cuts a line torn by a crash', () => {
    // GIVEN events written, then a line cut short as a kill -9 mid-write would leave it
    const file = join(directory(), 'orders.jsonl');
    const first = new FileArchiveStorage(file);
    for (let index = 0; index < 3; index++) first.append(archived(index, { nested: { index } }));
    first.close();
    appendFileSync(file, '{"event":{"id":"torn"');

    // WHEN the archive is opened again
    const reopened = new FileArchiveStorage(file);
    reopened.append(archived(3));

    // THEN every whole event is there, the torn one is not, and new events follow them
    expect(reopened.read(-Infinity, Infinity).map((entry) => entry.event.id)).toEqual([
      'event-0',
      'event-1',
      'event-2',
      'event-3',
    ]);
    expect(reopened.read(1000, 2000).map((entry) => entry.event.detail)).toEqual([
      { nested: { index: 1 } },
      { nested: { index: 2 } },
    ]);
    reopened.close();
    expect(readFileSync(file, 'utf8')).not.toContain('torn');
  });

  it('rewrites a file archive without its expired events once they are most of the file', () => {
    const file = join(directory(), 'big.jsonl');
    const storage = new FileArchiveStorage(file);
    const padding = 'x'.repeat(2000);
    for (let index = 0; index < 1000; index++) storage.append(archived(index, { padding }));
    const before = statSync(file).size;

    storage.dropBefore(900_000);

    expect(statSync(file).size).toBeLessThan(before / 5);
    expect(storage.eventCount).toBe(100);
    expect(storage.read(-Infinity, Infinity)[0]?.event.id).toBe('event-900');
    storage.append(archived(1000));
    expect(storage.read(1_000_000, 1_000_000).map((entry) => entry.event.id)).toEqual(['event-1000']);
    storage.close();
  });

  it('keeps the archives of a bus across a restart when given a directory', () => {
    // GIVEN a bus with an archive kept in files, and an event put on it
    const start = () => {
      const clock = new ScaledClock({ timeScale: 1 });
      const trace = new TraceRecorder(clock);
      const sqs = new LocalSqs({ clock, trace });
      const bridge = new LocalEventBridge({ clock, trace, sqs, archiveDirectory: directory() });
      bridge.createArchive({ archiveName: 'everything', eventSourceArn: bridge.getEventBus('default').arn });
      return { bridge, sqs };
    };
    const first = start();
    first.bridge.putEvents([{ Source: 'test.archive', DetailType: 'Kept', Detail: '{"kept":true}' }], 'client');
    first.bridge.close();
    first.sqs.close();

    // WHEN the bus starts again on the same directory
    const second = start();

    // THEN the archive holds the event
    expect(
      second.bridge
        .findArchive('everything')
        ?.events()
        .map((entry) => entry.event.detail),
    ).toEqual([{ kept: true }]);
    second.bridge.close();
    second.sqs.close();
  });

  it.each(['../escape', 'a/b', '', 'x'.repeat(49)])(
    'refuses the archive name %p with a ValidationException',
    (name) => {
      const clock = new ScaledClock({ timeScale: 1 });
      const trace = new TraceRecorder(clock);
      const sqs = new LocalSqs({ clock, trace });
      const bridge = new LocalEventBridge({ clock, trace, sqs, archiveDirectory: directory() });
      expect(() =>
        bridge.createArchive({ archiveName: name, eventSourceArn: bridge.getEventBus('default').arn }),
      ).toThrow(/failed to satisfy constraint/);
      bridge.close();
      sqs.close();
    },
  );
});
