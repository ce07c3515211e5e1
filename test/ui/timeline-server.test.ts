import { get } from 'node:http';
import { ScaledClock } from '../../lib/local/clock';
import { buildTimeline } from '../../lib/saga/timeline';
import { TraceRecorder } from '../../lib/local/trace';
import { startTimelineServer, type TimelineServer, type TimelineSource } from '../../lib/ui';

/** A local cloud reduced to what the page reads: a real trace, fixed queue and function counts. */
function fakeCloud(): { cloud: TimelineSource; trace: TraceRecorder } {
  const trace = new TraceRecorder(new ScaledClock({ timeScale: 1 }));
  const cloud = {
    trace,
    sqs: {
      stats: () => [
        {
          name: 'shop-choreography-orders-dlq',
          url: 'x',
          isDeadLetterQueue: true,
          visible: 2,
          inFlight: 0,
          delayed: 0,
        },
      ],
    },
    lambda: {
      stats: () => ({
        'shop-choreography-orders': {
          invocations: 3,
          coldStarts: 1,
          errors: 0,
          timeouts: 0,
          throttles: 0,
          active: 0,
          peakConcurrency: 1,
          environments: 1,
        },
      }),
    },
  } as unknown as TimelineSource;
  return { cloud, trace };
}

const placed = {
  kind: 'event.put',
  bus: 'shop-choreography',
  eventId: 'e1',
  source: 'shop.storefront',
  detailType: 'OrderPlaced',
  caller: 'client',
  correlationId: 'ord-1',
} as const;

describe('the timeline server', () => {
  let server: TimelineServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('serves a self-contained page on loopback', async () => {
    // Prepare
    server = await startTimelineServer({ cloud: fakeCloud().cloud, port: 0 });

    // Act
    const response = await fetch(server.url);
    const html = await response.text();

    // Assess
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain("new EventSource('/events')");
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it("answers an order's timeline as the terminal builds it", async () => {
    // Prepare
    const { cloud, trace } = fakeCloud();
    trace.record(placed);
    trace.record({
      kind: 'message.sent',
      queue: 'shop-choreography-orders',
      messageId: 'm1',
      delaySeconds: 0,
      sender: 'shop-choreography-orders',
      correlationId: 'ord-1',
    });
    server = await startTimelineServer({ cloud, port: 0 });

    // Act
    const body = (await (await fetch(`${server.url}api/orders/ord-1/timeline`)).json()) as { entries: unknown[] };

    // Assess
    expect(body.entries).toEqual(buildTimeline(trace.forCorrelation('ord-1')));
    expect(body.entries[0]).toMatchObject({ offsetMs: 0, step: 'publish' });
  });

  it('streams the trace so far, then live events, then counts', async () => {
    // Prepare
    const { cloud, trace } = fakeCloud();
    trace.record(placed);
    server = await startTimelineServer({ cloud, port: 0 });
    const abort = new AbortController();
    const response = await fetch(`${server.url}events`, { signal: abort.signal });
    const reader = response.body!.getReader();
    let text = '';

    // Act
    trace.record({
      ...placed,
      detailType: 'OrderConfirmed',
      source: 'shop.orders',
      caller: 'shop-choreography-orders',
    });
    while (!text.includes('OrderConfirmed') || !text.includes('event: stats')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    abort.abort();

    // Assess
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(text.indexOf('OrderPlaced')).toBeLessThan(text.indexOf('OrderConfirmed'));
    expect(text).toContain('"isDeadLetterQueue":true');
  });

  it('refuses a page reached through a foreign host name (DNS rebinding) with a 403', async () => {
    // Prepare
    server = await startTimelineServer({ cloud: fakeCloud().cloud, port: 0 });
    const { port } = new URL(server.url);

    // Act
    const status = await new Promise<number>((resolve, reject) => {
      get(
        { host: '127.0.0.1', port, path: '/api/stats', headers: { host: `rebind.attacker.example:${port}` } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      ).on('error', reject);
    });

    // Assess
    expect(status).toBe(403);
    expect((await fetch(`${server.url}api/stats`)).status).toBe(200);
  });

  it('streams a long trace backlog in ordered batches, then the live events after it', async () => {
    // Prepare: more events than one batch holds
    const { cloud, trace } = fakeCloud();
    for (let index = 0; index < 4_500; index++) trace.record({ ...placed, eventId: `e${index}` });
    server = await startTimelineServer({ cloud, port: 0 });
    const abort = new AbortController();
    const response = await fetch(`${server.url}events`, { signal: abort.signal });
    const reader = response.body!.getReader();
    let text = '';

    // Act
    trace.record({ ...placed, eventId: 'live', detailType: 'OrderConfirmed' });
    while (!text.includes('"live"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    abort.abort();

    // Assess
    const batches = text.split('\n\n').filter((message) => message.startsWith('event: trace'));
    const seqs = batches.flatMap((message) =>
      (JSON.parse(message.slice(message.indexOf('data: ') + 6)) as { seq: number }[]).map((event) => event.seq),
    );
    expect(batches.length).toBeGreaterThanOrEqual(4);
    expect(seqs).toEqual(Array.from({ length: 4_501 }, (_, index) => index + 1));
  });

  it('answers 404 naming the path it does not know', async () => {
    // Prepare
    server = await startTimelineServer({ cloud: fakeCloud().cloud, port: 0 });

    // Act
    const response = await fetch(`${server.url}nope`);

    // Assess
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toBe("no such page '/nope'");
  });
});
