import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimiterProps {
  /**
   * Open connections at most; past it, an idle connection is closed to make room, and a new
   * connection is answered 503 only when every open one is busy.
   * @default 4096
   */
  readonly maxConnections?: number;
  /**
   * How long a connection may take to send its request headers (slow-header attacks).
   * @default 60 000 ms
   */
  readonly headersTimeoutMs?: number;
  /**
   * How long an idle keep-alive connection stays open, like AWS's endpoints do.
   * @default 60 000 ms
   */
  readonly keepAliveTimeoutMs?: number;
}

interface ConnectionState {
  /** Requests received and not yet answered. */
  inFlight: number;
  /** When the connection last finished a request (or opened), for closing the stalest first. */
  lastActiveMs: number;
  /** Whether a local function has called over it: closed for room only after every other idle one. */
  servesFunction: boolean;
}

const SERVICE_UNAVAILABLE =
  'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n' +
  JSON.stringify({
    __type: 'ServiceUnavailableException',
    message: 'the local cloud has too many open connections; close idle ones or raise the limit',
  });

/**
 * Bounds the connections of an HTTP server, so that thousands of idle or slow sockets neither
 * exhaust file descriptors nor starve the local functions' own calls: headers must arrive
 * within a minute, idle keep-alive sockets close after a minute, and at the cap the stalest
 * idle connection (one no function uses, if there is one) makes room for the new one.
 *
 * @example
 * const server = createServer(handler);
 * const limiter = new ConnectionLimiter({ maxConnections: 1024 }).attach(server);
 * // in the request handler: limiter.requestStarted(request.socket, isFunction) ... limiter.requestEnded(request.socket)
 */
export class ConnectionLimiter {
  private readonly connections = new Map<Socket, ConnectionState>();
  private readonly maxConnections: number;
  private refusedCount = 0;
  private evictedCount = 0;

  constructor(private readonly props: ConnectionLimiterProps = {}) {
    this.maxConnections = props.maxConnections ?? 4096;
    if (!Number.isInteger(this.maxConnections) || this.maxConnections < 1) {
      throw new RangeError(`maxConnections must be a positive integer, got '${String(props.maxConnections)}'`);
    }
  }

  /** Sets the server's timeouts and starts counting its connections. */
  attach(server: Server): this {
    server.headersTimeout = this.props.headersTimeoutMs ?? 60_000;
    server.keepAliveTimeout = this.props.keepAliveTimeoutMs ?? 60_000;
    server.on('connection', (socket: Socket) => this.admit(socket));
    return this;
  }

  /** Marks a request as running on `socket`; `fromFunction` when a local function signed it. */
  requestStarted(socket: Socket, fromFunction: boolean): void {
    const state = this.connections.get(socket);
    if (!state) return;
    state.inFlight++;
    state.servesFunction ||= fromFunction;
  }

  /** Marks the request on `socket` as answered. */
  requestEnded(socket: Socket): void {
    const state = this.connections.get(socket);
    if (!state) return;
    state.inFlight = Math.max(0, state.inFlight - 1);
    state.lastActiveMs = Date.now();
  }

  /** Open connections, and how many were refused (503) or closed to make room so far. */
  stats(): { readonly open: number; readonly refused: number; readonly evicted: number } {
    return { open: this.connections.size, refused: this.refusedCount, evicted: this.evictedCount };
  }

  private admit(socket: Socket): void {
    if (this.connections.size >= this.maxConnections && !this.evictIdle()) {
      this.refusedCount++;
      socket.end(SERVICE_UNAVAILABLE);
      socket.destroySoon?.();
      return;
    }
    this.connections.set(socket, { inFlight: 0, lastActiveMs: Date.now(), servesFunction: false });
    socket.once('close', () => this.connections.delete(socket));
  }

  /** Closes the stalest idle connection, preferring ones no function uses; false if none is idle. */
  private evictIdle(): boolean {
    let victim: Socket | undefined;
    let victimState: ConnectionState | undefined;
    for (const [socket, state] of this.connections) {
      if (state.inFlight > 0) continue;
      const better =
        !victimState ||
        (victimState.servesFunction && !state.servesFunction) ||
        (victimState.servesFunction === state.servesFunction && state.lastActiveMs < victimState.lastActiveMs);
      if (better) {
        victim = socket;
        victimState = state;
      }
    }
    if (!victim) return false;
    this.evictedCount++;
    this.connections.delete(victim);
    victim.destroy();
    return true;
  }
}
