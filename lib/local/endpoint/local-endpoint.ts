import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from './aws-json';
import {
  AwsServiceError,
  errorResponseOf,
  InternalFailureError,
  NotJsonProtocolError,
  SerializationError,
  UnknownOperationError,
} from './aws-service-error';
import { CLIENT_PRINCIPAL, parseCallerIdentity } from './caller-identity';
import { ConnectionLimiter } from './connection-limiter';
import { assertJsonDepth, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_JSON_DEPTH, readBody } from './json-body';
import { LocalHostPolicy } from './local-host-policy';
import { notEmulatedResponse } from './not-emulated';
import { SignatureVerifier, type SecretAccessKeyLookup } from './signature-verifier';

/** The JSON protocol version of a service, which sets the response content type. */
export type AwsJsonVersion = '1.0' | '1.1';

/**
 * A route for a call that is not JSON-protocol (REST APIs such as Lambda Invoke). It answers
 * `undefined` when the request is not its own.
 */
/** A check of a JSON protocol call before its service handles it; throws an `AwsServiceError` to refuse it. */
export type RequestGuard = (request: AwsJsonRequest) => void;

export type RawRoute = (request: IncomingMessage, body: Buffer) => Promise<AwsJsonResponse | undefined>;

export interface LocalEndpointProps {
  /**
   * Port on 127.0.0.1; 0 picks a free one (tests).
   * @default 4566
   */
  readonly port?: number;
  /**
   * Largest body read; larger ones are refused with 413 without being buffered.
   * @default 10 MB
   */
  readonly maxBodyBytes?: number;
  /**
   * Deepest JSON nesting accepted.
   * @default 100
   */
  readonly maxJsonDepth?: number;
  /**
   * Host names accepted besides 127.0.0.1, localhost and [::1] (`--allow-host`); every other
   * `Host`, and browser requests from a non-local `Origin`, get a 403.
   * @default - loopback names only
   */
  readonly allowedHosts?: readonly string[];
  /**
   * Open connections at most: past it the stalest idle connection is closed for the new one
   * (connections local functions use last), and a 503 answers only when every one is busy.
   * @default 4096
   */
  readonly maxConnections?: number;
  /**
   * Check every request's SigV4 signature against the secret of its access key
   * (`--verify-signatures`); unsigned or wrongly signed calls get AWS's 403 errors.
   * @default - signatures are read for the caller's identity, not verified
   */
  readonly secretAccessKeyOf?: SecretAccessKeyLookup;
  /**
   * Awaited before every answer (`--data`: the group commit of the call's changes), so nothing
   * is answered that a crash could still lose. A rejection turns the answer into a 500.
   * @default - answers go out at once
   */
  readonly beforeAnswer?: () => Promise<void> | undefined;
}

interface RegisteredService {
  readonly service: AwsJsonService;
  readonly contentType: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Content types a JSON protocol body may come with. Either JSON version is accepted for any
 * service (clients and tests get the version wrong, and the body is the same), and plain
 * `application/json` as DynamoDB accepts it.
 */
const JSON_PROTOCOL_CONTENT_TYPES = new Set([
  'application/x-amz-json-1.0',
  'application/x-amz-json-1.1',
  'application/json',
]);

/**
 * The one AWS-compatible HTTP endpoint of the local cloud, on 127.0.0.1 only. JSON protocol
 * calls are routed by their `X-Amz-Target` prefix to the registered services (`AmazonSQS.`,
 * `AWSEvents.`, `DynamoDB_20120810.`); other calls go to raw routes. Every call is wrapped: bad
 * input yields an AWS-shaped error, never a crash.
 *
 * @example
 * const endpoint = new LocalEndpoint({ port: 0 });
 * endpoint.register('AmazonSQS.', new SqsJsonApi(sqs), '1.0');
 * const url = await endpoint.start(); // http://127.0.0.1:43121
 */
export class LocalEndpoint {
  private readonly services = new Map<string, RegisteredService>();
  private readonly routes: RawRoute[] = [];
  private readonly guards: RequestGuard[] = [];
  private server?: Server;
  private listeningUrl?: string;
  private readonly hostPolicy: LocalHostPolicy;
  private readonly connections: ConnectionLimiter;
  private readonly signatures?: SignatureVerifier;
  private refusingClients?: string;

  constructor(private readonly props: LocalEndpointProps = {}) {
    this.hostPolicy = new LocalHostPolicy({ allowedHosts: props.allowedHosts });
    this.connections = new ConnectionLimiter({ maxConnections: props.maxConnections });
    this.signatures = props.secretAccessKeyOf ? new SignatureVerifier(props.secretAccessKeyOf) : undefined;
  }

  /** Open connections, and how many were refused or closed to make room for others. */
  connectionStats(): ReturnType<ConnectionLimiter['stats']> {
    return this.connections.stats();
  }

  /** Routes JSON protocol calls whose `X-Amz-Target` starts with `targetPrefix` to `service`. */
  register(targetPrefix: string, service: AwsJsonService, jsonVersion: AwsJsonVersion): void {
    this.services.set(targetPrefix, { service, contentType: `application/x-amz-json-${jsonVersion}` });
  }

  /**
   * Adds a check every JSON protocol call passes before its service sees it (local IAM
   * enforcement); a guard refuses a call by throwing an `AwsServiceError`.
   */
  addGuard(guard: RequestGuard): void {
    this.guards.push(guard);
  }

  /** Adds a route for calls without a known `X-Amz-Target` (tried in order). */
  registerRoute(route: RawRoute): void {
    this.routes.push(route);
  }

  /**
   * Answers a JSON protocol call in process, as a call over HTTP would be answered, but without
   * the guards (the caller checks its own permissions): how Step Functions' service integrations
   * reach the other services, so that they stay in step with the endpoint. Never rejects.
   */
  async dispatch(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    try {
      const registered = this.serviceFor(request.target);
      if (!registered) throw new UnknownOperationError(request.target);
      return await registered.service.handle(request);
    } catch (error) {
      return errorResponseOf(error);
    }
  }

  /**
   * From now on answers callers that are not the local functions with a 503
   * (ServiceUnavailableException): a shutdown drains the invocations in flight, whose own calls
   * still go through, and takes no new work.
   */
  refuseClients(reason: string): void {
    this.refusingClients = reason;
  }

  /** `http://127.0.0.1:<port>` once started. */
  get url(): string {
    if (!this.listeningUrl) {
      throw new Error('the endpoint is not started');
    }
    return this.listeningUrl;
  }

  /** Listens on 127.0.0.1; resolves with the URL. */
  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const socket = request.socket;
      this.connections.requestStarted(socket, parseCallerIdentity(request.headers).principal !== CLIENT_PRINCIPAL);
      response.once('close', () => this.connections.requestEnded(socket));
      // serve() answers every error itself; this only catches a failure to write that answer.
      this.serve(request, response).catch(() => response.destroy());
    });
    this.connections.attach(server);
    // Malformed HTTP gets a 400 and the socket closed, instead of an unhandled error.
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.props.port ?? 4566, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.listeningUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.listeningUrl;
  }

  /** Stops listening and closes every connection (long polls included). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    response.on('error', () => undefined);
    try {
      if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
        await this.answer(response, requestId, 'application/json', {
          statusCode: 403,
          body: JSON.stringify({ message: 'loopback only' }),
        });
        return;
      }
      const refusal = this.hostPolicy.check(request.headers);
      if (refusal) {
        throw new AwsServiceError('AccessDeniedException', refusal.message, { statusCode: 403 });
      }
      if (this.refusingClients !== undefined && parseCallerIdentity(request.headers).principal === CLIENT_PRINCIPAL) {
        throw new AwsServiceError('ServiceUnavailableException', this.refusingClients, { statusCode: 503 });
      }
      const target = headerValue(request.headers['x-amz-target']);
      const registered = target ? this.serviceFor(target) : undefined;
      // An unsigned GET / is a health check; a signed one is a call (S3 ListBuckets).
      const healthCheck = !request.headers.authorization && (request.url === '/' || request.url === '/health');
      if (!target && request.method === 'GET' && healthCheck) {
        await this.answer(response, requestId, 'application/json', {
          statusCode: 200,
          body: JSON.stringify({ status: 'running' }),
        });
        return;
      }
      if (registered && request.method !== 'POST') {
        throw new NotJsonProtocolError(
          `the aws json protocol takes POST, got method '${request.method ?? ''}' for '${target ?? ''}'`,
        );
      }
      const body = await readBody(request, this.props.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      await this.signatures?.verify({
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers,
        body,
      });
      if (!registered) {
        for (const route of this.routes) {
          const answer = await route(request, body);
          if (answer) {
            await this.answer(response, requestId, 'application/json', answer);
            return;
          }
        }
        await this.answer(
          response,
          requestId,
          'application/json',
          notEmulatedResponse(request, body, target, requestId),
        );
        return;
      }
      this.checkContentType(request, target as string, body);
      this.checkJson(body);
      // Only a client gone before its answer aborts (a long poll stops waiting); aborting after
      // every answer would build an AbortError, stack trace and all, per request. The controller
      // is made only for a service that asks for the signal (long polls): one per call was ~1%
      // of the endpoint's time.
      let controller: AbortController | undefined;
      let clientGone = false;
      response.on('close', () => {
        if (response.writableFinished) return;
        clientGone = true;
        controller?.abort();
      });
      const awsRequest: AwsJsonRequest = {
        target: target as string,
        body,
        headers: request.headers,
        caller: parseCallerIdentity(request.headers),
        get signal() {
          if (!controller) {
            controller = new AbortController();
            if (clientGone) controller.abort();
          }
          return controller.signal;
        },
      };
      for (const guard of this.guards) guard(awsRequest);
      const answer = await registered.service.handle(awsRequest);
      await this.answer(response, requestId, registered.contentType, answer);
    } catch (error) {
      const contentType =
        this.serviceFor(headerValue(request.headers['x-amz-target']) ?? '')?.contentType ??
        'application/x-amz-json-1.1';
      await this.answer(response, requestId, contentType, errorResponseOf(error));
    }
  }

  /**
   * Refuses a body that does not say it is JSON, as AWS does (an empty body needs no content
   * type): a form-encoded or XML call would otherwise be answered as if its parameters were missing.
   */
  private checkContentType(request: IncomingMessage, target: string, body: Buffer): void {
    if (body.length === 0) return;
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!JSON_PROTOCOL_CONTENT_TYPES.has(contentType)) {
      throw new NotJsonProtocolError(
        `content type '${contentType}' is not the aws json protocol (application/x-amz-json-1.0 or 1.1) for '${target}'`,
      );
    }
  }

  /** Refuses bodies that are not UTF-8 or nest too deeply, before any service parses them. */
  private checkJson(body: Buffer): void {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new SerializationError('request body is not valid utf-8');
    }
    assertJsonDepth(text, this.props.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH);
  }

  private serviceFor(target: string): RegisteredService | undefined {
    for (const [prefix, registered] of this.services) {
      if (target.startsWith(prefix)) return registered;
    }
    return undefined;
  }

  /** Writes the answer once the call's changes are durable (`beforeAnswer`). */
  private async answer(
    response: ServerResponse,
    requestId: string,
    contentType: string,
    answer: AwsJsonResponse,
  ): Promise<void> {
    const durable = this.props.beforeAnswer?.();
    if (durable) {
      try {
        await durable;
      } catch (error) {
        answer = new InternalFailureError(
          `the local cloud could not save its state: ${(error as Error)?.message ?? String(error)}`,
        ).toResponse();
      }
    }
    this.write(response, requestId, contentType, answer);
  }

  private write(response: ServerResponse, requestId: string, contentType: string, answer: AwsJsonResponse): void {
    if (response.headersSent || response.destroyed) {
      return;
    }
    const body = Buffer.from(answer.body, 'utf8');
    // Header names are case-insensitive: a service's own `content-type` or `x-amzn-requestid`
    // replaces the default instead of going out as a second header with the same name.
    const headers = new Map<string, [string, string | number]>();
    const defaults: Record<string, string | number> = { 'Content-Type': contentType, 'x-amzn-RequestId': requestId };
    for (const [name, value] of Object.entries({ ...defaults, ...answer.headers }))
      headers.set(name.toLowerCase(), [name, value]);
    headers.set('content-length', ['Content-Length', body.length]);
    response.writeHead(answer.statusCode, Object.fromEntries(headers.values()));
    response.end(body);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
