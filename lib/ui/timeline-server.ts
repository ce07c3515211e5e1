import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalCloud } from '../local/local-cloud';
import { LocalHostPolicy } from '../local/endpoint/local-host-policy';
import { buildTimeline } from '../saga/timeline';
import type { TraceEvent } from '../local/trace';
import { TIMELINE_PAGE_HTML } from './timeline-page';
import { ClassifiedError } from '../errors/classified-error';

/** What the page reads from a local cloud: its trace, and the live counts of queues and functions. */
export type TimelineSource = Pick<LocalCloud, 'trace' | 'sqs' | 'lambda'>;

export interface TimelineServerOptions {
  /** The running local cloud whose trace the page shows. */
  readonly cloud: TimelineSource;
  /**
   * Port on 127.0.0.1; 0 picks a free one.
   * @default 0
   */
  readonly port?: number;
  /**
   * Host names accepted besides 127.0.0.1, localhost and [::1] (`--allow-host`).
   * @default - loopback names only
   */
  readonly allowedHosts?: readonly string[];
}

export interface TimelineServer {
  /** `http://127.0.0.1:<port>/`, the page. */
  readonly url: string;
  /** Ends the live streams and stops listening; safe to call twice. */
  close(): Promise<void>;
}

/** The timeline page could not listen (port taken, ...): retryable with another port. */
export class TimelineServerError extends ClassifiedError {
  override readonly name = 'TimelineServerError';
  readonly kind = 'transient';
}

/** How often the page's queue and function counts are pushed, in wall milliseconds. */
const STATS_INTERVAL_MS = 500;

/**
 * Serves the live timeline page of a local cloud on 127.0.0.1: orders moving through the saga,
 * events, queues, invocations and DLQs, pushed to the page as server-sent events from the trace,
 * and each order's timeline (the terminal's `buildTimeline`) on click. Self-contained: the
 * page's script and styles are inlined, nothing is fetched from elsewhere.
 *
 * Routes: `GET /` the page; `GET /events` the event stream (`trace` events, the whole trace so
 * far first, then live; `stats` events with queue and function counts); `GET /api/orders/<id>/timeline`
 * one order's timeline as JSON; `GET /api/stats` the counts as JSON.
 *
 * @example
 * const cloud = await LocalCloud.start({ port: 4566 });
 * const ui = await startTimelineServer({ cloud, port: 4567 });
 * console.log(`timeline: ${ui.url}`);
 * // ...
 * await ui.close();
 */
export async function startTimelineServer(options: TimelineServerOptions): Promise<TimelineServer> {
  const { cloud } = options;
  const streams = new Set<ServerResponse>();
  const hostPolicy = new LocalHostPolicy({ allowedHosts: options.allowedHosts });
  const server = createServer((request, response) => {
    response.on('error', () => undefined);
    try {
      const refusal = hostPolicy.check(request.headers);
      if (refusal) {
        sendJson(response, 403, { __type: 'AccessDeniedException', message: refusal.message });
        return;
      }
      route(cloud, request, response, streams);
    } catch (error) {
      // A failure after the answer started (a stream cut mid-write) can only close the socket.
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendJson(response, 500, { message: error instanceof Error ? error.message : String(error) });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new TimelineServerError(`the timeline page could not listen on port '${options.port ?? 0}': ${error.message}`),
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function route(
  cloud: TimelineSource,
  request: IncomingMessage,
  response: ServerResponse,
  streams: Set<ServerResponse>,
): void {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  if (request.method !== 'GET') {
    sendJson(response, 405, { message: `method '${request.method}' is not allowed` });
    return;
  }
  if (path === '/' || path === '/index.html') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(TIMELINE_PAGE_HTML);
    return;
  }
  if (path === '/events') {
    openEventStream(cloud, request, response, streams);
    return;
  }
  if (path === '/api/stats') {
    sendJson(response, 200, statsOf(cloud));
    return;
  }
  const timeline = /^\/api\/orders\/([^/]+)\/timeline$/.exec(path);
  if (timeline?.[1]) {
    const orderId = decodeURIComponent(timeline[1]);
    sendJson(response, 200, { orderId, entries: buildTimeline(cloud.trace.forCorrelation(orderId)) });
    return;
  }
  sendJson(response, 404, { message: `no such page '${path}'` });
}

/** The counts the page shows beside the orders: every queue, every function. */
export function statsOf(cloud: TimelineSource) {
  return {
    queues: cloud.sqs.stats().map(({ name, isDeadLetterQueue, visible, inFlight, delayed }) => ({
      name,
      isDeadLetterQueue,
      visible,
      inFlight,
      delayed,
    })),
    functions: Object.entries(cloud.lambda.stats()).map(([name, stats]) => ({ name, ...stats })),
    // The trace is a ring: records older than its capacity are gone from this page.
    traceRecordsDropped: cloud.trace.dropped,
  };
}

function openEventStream(
  cloud: TimelineSource,
  request: IncomingMessage,
  response: ServerResponse,
  streams: Set<ServerResponse>,
): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  streams.add(response);
  const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  // Live events are batched per tick: a busy saga records thousands of events a second. They
  // wait until the backlog below is written, so the page receives the trace in order.
  let pending: TraceEvent[] = [];
  let flush: NodeJS.Immediate | undefined;
  let backlogWritten = false;
  const flushPending = () => {
    flush = undefined;
    if (!backlogWritten || pending.length === 0) return;
    send('trace', pending);
    pending = [];
  };
  const unsubscribe = cloud.trace.subscribe((event) => {
    pending.push(event);
    flush ??= setImmediate(flushPending);
  });
  // The trace so far, so that a page opened late still shows every order: in batches written
  // as the socket drains, so a long trace never becomes one response held in memory at once.
  void sendBacklog(cloud.trace.events(), response, send).then(() => {
    backlogWritten = true;
    flushPending();
  });
  send('stats', statsOf(cloud));
  const timer = setInterval(() => send('stats', statsOf(cloud)), STATS_INTERVAL_MS);
  const end = () => {
    unsubscribe();
    clearInterval(timer);
    if (flush) clearImmediate(flush);
    streams.delete(response);
  };
  request.once('close', end);
  response.once('close', end);
}

/** Trace events per `trace` message of the backlog a newly opened page receives. */
const BACKLOG_BATCH_SIZE = 2_000;

async function sendBacklog(
  backlog: readonly TraceEvent[],
  response: ServerResponse,
  send: (event: string, data: unknown) => boolean,
): Promise<void> {
  for (let start = 0; start < backlog.length; start += BACKLOG_BATCH_SIZE) {
    if (response.destroyed) return;
    const drained = send('trace', backlog.slice(start, start + BACKLOG_BATCH_SIZE));
    if (!drained) {
      await new Promise<void>((resolve) => {
        response.once('drain', resolve);
        response.once('close', resolve);
      });
    }
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
