import { ScaledClock, type Clock } from '../../../lib/local/clock';
import {
  EventSourceMappings,
  SqsPoller,
  type FunctionInvoker,
  type SqsEventRecord,
  type SqsMappingSettings,
} from '../../../lib/local/event-source-mapping';
import { FunctionNotFoundError, LambdaRuntime } from '../../../lib/local/lambda';
import { TraceRecorder } from '../../../lib/local/trace';
import { fixtureFunction } from '../lambda/fixture-functions';
import { InMemoryQueue } from './in-memory-queue';

type Invocation = { at: number; records: SqsEventRecord[] };
type Respond = (
  records: SqsEventRecord[],
  call: number,
) => Promise<{ outcome: 'success' | 'error' | 'timeout'; result?: unknown }>;

/** An invoker that records each batch and answers with `respond`. */
function recordingInvoker(clock: Clock, respond: Respond) {
  const invocations: Invocation[] = [];
  const invoker: FunctionInvoker = {
    invoke: (_name, payload) => {
      const records = (payload as { Records: SqsEventRecord[] }).Records;
      invocations.push({ at: clock.now(), records });
      return respond(records, invocations.length);
    },
  };
  return { invoker, invocations };
}

/** An invoker whose invocations each take 40 wall ms and succeed; `peak` is the most that ran at once. */
function concurrencyCountingInvoker(clock: Clock) {
  let running = 0;
  let peak = 0;
  const { invoker } = recordingInvoker(clock, async () => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 40));
    running--;
    return { outcome: 'success' };
  });
  return { invoker, peak: () => peak };
}

function mapping(overrides: Partial<SqsMappingSettings> = {}): SqsMappingSettings {
  return {
    uuid: 'mapping-1',
    functionName: 'orders-handler',
    eventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:orders',
    batchSize: 10,
    maximumBatchingWindowInSeconds: 0,
    reportBatchItemFailures: true,
    enabled: true,
    ...overrides,
  };
}

async function eventually(assertion: () => void, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const ok = () => Promise.resolve({ outcome: 'success' as const, result: { batchItemFailures: [] } });

describe('SqsPoller', () => {
  let poller: SqsPoller | undefined;

  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
  });

  function startPoller(
    clock: Clock,
    queue: InMemoryQueue,
    invoker: FunctionInvoker,
    settings: Partial<SqsMappingSettings> = {},
    onError?: (error: Error) => void,
  ) {
    poller = new SqsPoller({
      mapping: mapping(settings),
      queue,
      invoker,
      clock,
      region: 'us-east-1',
      ...(onError ? { onError } : {}),
    });
    poller.start();
    return poller;
  }

  it('hands the function records shaped exactly like the SQS event', async () => {
    // Prepare
    const clock = new ScaledClock({ timeScale: 100 });
    const queue = new InMemoryQueue(clock, 'orders');
    const { invoker, invocations } = recordingInvoker(clock, ok);
    const messageId = queue.send('{"detail":{"metadata":{"correlationId":"o-1"}}}', {
      Kind: { DataType: 'String', StringValue: 'saga' },
      Blob: { DataType: 'Binary', BinaryValue: Buffer.from('hi') },
    });

    // Act
    startPoller(clock, queue, invoker);
    await eventually(() => expect(queue.deleted).toEqual([messageId]));

    // Assess
    const record = invocations[0]?.records[0];
    expect(record).toEqual({
      messageId,
      receiptHandle: `${messageId}#1`,
      body: '{"detail":{"metadata":{"correlationId":"o-1"}}}',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d+$/),
        SenderId: 'AIDAEVENTS',
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
      },
      messageAttributes: {
        Kind: { stringValue: 'saga', stringListValues: [], binaryListValues: [], dataType: 'String' },
        Blob: { binaryValue: 'aGk=', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:orders',
      awsRegion: 'us-east-1',
    });
    expect(Object.keys(record?.attributes ?? {})).toEqual([
      'ApproximateReceiveCount',
      'SentTimestamp',
      'SenderId',
      'ApproximateFirstReceiveTimestamp',
    ]);
  });

  it('deletes only the records not reported as failed; a failed one comes back after the visibility timeout', async () => {
    const clock = new ScaledClock({ timeScale: 100 });
    const queue = new InMemoryQueue(clock, 'orders', 30);
    const { invoker, invocations } = recordingInvoker(clock, async (records, call) => ({
      outcome: 'success',
      result: {
        batchItemFailures:
          call === 1
            ? records.filter((record) => record.body === 'bad').map((record) => ({ itemIdentifier: record.messageId }))
            : [],
      },
    }));
    const good = queue.send('good');
    const bad = queue.send('bad');
    const alsoGood = queue.send('also good');

    startPoller(clock, queue, invoker);
    await eventually(() => expect(queue.deleted).toEqual([good, alsoGood]));
    await eventually(() => expect(queue.deleted).toEqual([good, alsoGood, bad]));

    expect(invocations).toHaveLength(2);
    expect(
      invocations[1]?.records.map((record) => [record.messageId, record.attributes.ApproximateReceiveCount]),
    ).toEqual([[bad, '2']]);
    // It came back only once its 30 s visibility timeout (AWS time) from the first receive had passed.
    const firstReceivedAt = Number(invocations[1]?.records[0]?.attributes.ApproximateFirstReceiveTimestamp);
    expect((invocations[1]?.at ?? 0) - firstReceivedAt).toBeGreaterThanOrEqual(30_000);
    expect(poller?.stats()).toMatchObject({ invocations: 2, records: 4, deleted: 3, failedRecords: 1 });
  });

  it('leaves the whole batch in the queue when the function fails or times out', async () => {
    const clock = new ScaledClock({ timeScale: 100 });
    const queue = new InMemoryQueue(clock, 'orders', 3600);
    const { invoker, invocations } = recordingInvoker(clock, (_records, call) =>
      Promise.resolve({ outcome: call === 1 ? ('error' as const) : ('timeout' as const) }),
    );
    queue.send('one');
    queue.send('two');

    startPoller(clock, queue, invoker);
    await eventually(() => expect(invocations).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(queue.deleted).toEqual([]);
    expect(queue.remaining()).toHaveLength(2);
    expect(poller?.stats()).toMatchObject({ failedRecords: 2, deleted: 0 });
  });

  it('fails the whole batch when the response names a message that is not in it', async () => {
    const clock = new ScaledClock({ timeScale: 100 });
    const queue = new InMemoryQueue(clock, 'orders', 3600);
    const errors: Error[] = [];
    const { invoker } = recordingInvoker(clock, () =>
      Promise.resolve({ outcome: 'success', result: { batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] } }),
    );
    queue.send('one');

    startPoller(clock, queue, invoker, {}, (error) => errors.push(error));
    await eventually(() => expect(poller?.stats().invalidResponses).toBe(1));

    expect(queue.deleted).toEqual([]);
    expect(errors[0]?.message).toContain('invalid batch response');
  });

  it('deletes the whole batch on success when ReportBatchItemFailures is off, whatever the response says', async () => {
    const clock = new ScaledClock({ timeScale: 100 });
    const queue = new InMemoryQueue(clock, 'orders');
    const { invoker } = recordingInvoker(clock, (records) =>
      Promise.resolve({
        outcome: 'success',
        result: { batchItemFailures: [{ itemIdentifier: records[0]?.messageId }] },
      }),
    );
    const one = queue.send('one');

    startPoller(clock, queue, invoker, { reportBatchItemFailures: false });

    await eventually(() => expect(queue.deleted).toEqual([one]));
  });

  it('waits the batching window for more records, and invokes at once when the batch is full', async () => {
    // Time scale 10: the 2 s window is 200 ms of wall time.
    const clock = new ScaledClock({ timeScale: 10 });
    const queue = new InMemoryQueue(clock, 'orders');
    const { invoker, invocations } = recordingInvoker(clock, ok);
    startPoller(clock, queue, invoker, { batchSize: 3, maximumBatchingWindowInSeconds: 2 });

    // Act 1: two records, fewer than a batch: the poller waits out the window.
    const sentAt = clock.now();
    queue.send('a');
    queue.send('b');
    await eventually(() => expect(invocations).toHaveLength(1));
    // Act 2: four records: a full batch of three goes at once; the fourth waits for its window.
    const fullSentAt = clock.now();
    ['c', 'd', 'e', 'f'].forEach((body) => queue.send(body));
    await eventually(() => expect(invocations).toHaveLength(3));

    // Assess
    expect(invocations.map((invocation) => invocation.records.map((record) => record.body))).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
      ['f'],
    ]);
    expect((invocations[0]?.at ?? 0) - sentAt).toBeGreaterThanOrEqual(2000);
    expect((invocations[1]?.at ?? 0) - fullSentAt).toBeLessThan(2000);
    expect((invocations[2]?.at ?? 0) - (invocations[1]?.at ?? 0)).toBeGreaterThanOrEqual(1900);
  });

  it('keeps at most MaximumConcurrency invocations in flight', async () => {
    const clock = new ScaledClock({ timeScale: 100 });
    const queue = new InMemoryQueue(clock, 'orders');
    const { invoker, peak } = concurrencyCountingInvoker(clock);
    const ids = [1, 2, 3, 4, 5, 6].map((n) => queue.send(`m${n}`));

    startPoller(clock, queue, invoker, { batchSize: 1, maximumConcurrency: 2 });
    await eventually(() => expect([...queue.deleted].sort()).toEqual([...ids].sort()));

    expect(peak()).toBe(2);
  });

  // MaximumConcurrency is an upper bound (AWS Lambda developer guide, "Configuring maximum
  // concurrency for Amazon SQS event sources"): the local cloud stays below it on a few cores.
  it('keeps at most maxConcurrentBatches in flight when MaximumConcurrency allows more', async () => {
    // Prepare
    const clock = new ScaledClock({ timeScale: 100 });
    const queue = new InMemoryQueue(clock, 'orders');
    const { invoker, peak } = concurrencyCountingInvoker(clock);
    const ids = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => queue.send(`m${n}`));

    // Act
    poller = new SqsPoller({
      mapping: mapping({ batchSize: 1, maximumConcurrency: 5 }),
      queue,
      invoker,
      clock,
      region: 'us-east-1',
      maxConcurrentBatches: 2,
    });
    poller.start();
    await eventually(() => expect([...queue.deleted].sort()).toEqual([...ids].sort()));

    // Assess
    expect(peak()).toBe(2);
  });

  it('disables itself when the function cannot be invoked at all, handing its records back', async () => {
    const clock = new ScaledClock({ timeScale: 100 });
    const queue = new InMemoryQueue(clock, 'orders', 3600);
    const errors: Error[] = [];
    const invoker: FunctionInvoker = { invoke: () => Promise.reject(new FunctionNotFoundError('orders-handler')) };
    const id = queue.send('one');

    startPoller(clock, queue, invoker, {}, (error) => errors.push(error));
    await eventually(() => expect(poller?.status).toBe('disabled'));

    expect(queue.visibilityChanges).toEqual([{ messageId: id, seconds: 0 }]);
    expect(errors.map((error) => error.name)).toEqual(['EventSourceMappingDisabledError']);
  });

  it('deletes records no filter matches without invoking the function', async () => {
    const clock = new ScaledClock({ timeScale: 100 });
    const queue = new InMemoryQueue(clock, 'orders');
    const { invoker, invocations } = recordingInvoker(clock, ok);
    const kept = queue.send('{"kind":"order"}');
    const dropped = queue.send('{"kind":"other"}');

    startPoller(clock, queue, invoker, { filterPatterns: [{ body: { kind: ['order'] } }] });
    await eventually(() => expect([...queue.deleted].sort()).toEqual([kept, dropped].sort()));

    expect(invocations.flatMap((invocation) => invocation.records.map((record) => record.messageId))).toEqual([kept]);
    expect(poller?.stats().filteredOut).toBe(1);
  });

  it('does not poll a disabled mapping', async () => {
    const clock = new ScaledClock({ timeScale: 100 });
    const queue = new InMemoryQueue(clock, 'orders');
    const { invoker, invocations } = recordingInvoker(clock, ok);
    queue.send('one');

    startPoller(clock, queue, invoker, { enabled: false });
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(invocations).toEqual([]);
    expect(poller?.status).toBe('stopped');
  });
});

describe('EventSourceMappings with the Lambda runtime', () => {
  it('runs a partial batch failure end to end: successes deleted, the failure traced and left in the queue', async () => {
    // Prepare
    const clock = new ScaledClock({ timeScale: 10 });
    // The layer above correlates each record's body; the runtime traces the ids of the batch.
    const correlate = (body: unknown) =>
      (JSON.parse(body as string) as { detail: { metadata: { correlationId: string } } }).detail.metadata.correlationId;
    const trace = new TraceRecorder(clock, { correlate });
    const queue = new InMemoryQueue(clock, 'orders', 3600);
    const runtime = new LambdaRuntime({
      functions: [fixtureFunction('orders-handler', 'batch')],
      clock,
      trace,
      endpointUrl: 'http://127.0.0.1:4577',
    });
    const mappings = new EventSourceMappings({
      mappings: [
        {
          ...mapping({ batchSize: 3, maximumBatchingWindowInSeconds: 1 }),
          stackName: 'S',
          logicalId: 'M',
          arn: 'arn:esm',
          functionArn: 'arn:fn',
          functionResponseTypes: ['ReportBatchItemFailures'],
          filterPatterns: [],
        },
        {
          ...mapping({ uuid: 'mapping-2', eventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:elsewhere' }),
          stackName: 'S',
          logicalId: 'N',
          arn: 'arn:esm2',
          functionArn: 'arn:fn',
          functionResponseTypes: [],
          filterPatterns: [],
        },
      ],
      queueByArn: (arn) => (arn === queue.arn ? queue : undefined),
      invoker: runtime,
      clock,
      region: 'us-east-1',
    });
    const good = queue.send(JSON.stringify({ detail: { metadata: { correlationId: 'o-1' } } }));
    const bad = queue.send(JSON.stringify({ fail: true, detail: { metadata: { correlationId: 'o-2' } } }));

    try {
      // Act
      mappings.start();
      await eventually(() => expect(trace.events('invocation.ended')).toHaveLength(1), 10_000);
      await mappings.whenIdle();

      // Assess
      expect(queue.deleted).toEqual([good]);
      expect(queue.remaining()).toEqual([bad]);
      expect(trace.events('invocation.started')[0]).toMatchObject({
        functionName: 'orders-handler',
        trigger: 'sqs:orders',
        correlationIds: ['o-1', 'o-2'],
      });
      expect(trace.events('invocation.ended')[0]).toMatchObject({ outcome: 'success', failedItems: [bad] });
      expect(mappings.skipped).toEqual([
        { uuid: 'mapping-2', reason: "no local queue 'arn:aws:sqs:us-east-1:000000000000:elsewhere'" },
      ]);
      expect(mappings.stats()['mapping-1']).toMatchObject({ deleted: 1, failedRecords: 1, status: 'running' });
    } finally {
      await mappings.stop();
      await runtime.close();
    }
  });
});
