import { ScaledClock } from '../../lib/local/clock';
import { buildTimeline } from '../../lib/local/saga/timeline';
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
