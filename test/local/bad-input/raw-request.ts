import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { BadInputRequest } from './bad-input-case';

/** What came back: status, headers (lower-case names) and the body, parsed when it is JSON. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly json?: Record<string, unknown>;
}

/** What the templates of a case are filled with. */
export interface TemplateContext {
  /** The local cloud's endpoint URL (`http://127.0.0.1:<port>`). */
  readonly endpoint: string;
  /** The account in queue URLs. */
  readonly accountId: string;
}

const TEMPLATE = /\{\{(endpoint|index|queueUrl:([^}]+)|repeat:(\d+):(.))\}\}/gu;

/** Fills `{{endpoint}}`, `{{queueUrl:<name>}}`, `{{repeat:<n>:<c>}}` and `{{index}}` in one string. */
export function renderTemplate(text: string, context: TemplateContext, index?: number): string {
  return text.replace(TEMPLATE, (whole, name: string, queueName?: string, times?: string, character?: string) => {
    if (name === 'endpoint') return context.endpoint;
    if (name === 'index') {
      if (index === undefined) throw new Error(`'${whole}' is only allowed inside a $repeat item`);
      return String(index);
    }
    if (queueName !== undefined) return `${context.endpoint}/${context.accountId}/${queueName}`;
    return (character ?? '').repeat(Number(times));
  });
}

/** Fills templates in every string of a JSON value and expands `{"$repeat": n, "item": x}` into n items. */
export function renderJson(value: unknown, context: TemplateContext, index?: number): unknown {
  if (typeof value === 'string') return renderTemplate(value, context, index);
  if (Array.isArray(value)) return value.map((item) => renderJson(item, context, index));
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.$repeat === 'number' && 'item' in record) {
      return Array.from({ length: record.$repeat }, (_, position) => renderJson(record.item, context, position + 1));
    }
    return Object.fromEntries(
      Object.entries(record).map(([key, item]) => [
        renderTemplate(key, context, index),
        renderJson(item, context, index),
      ]),
    );
  }
  return value;
}

/** The bytes a case sends (every kind but `stream`). */
export function renderBody(request: BadInputRequest, context: TemplateContext): Buffer | undefined {
  if (request.json !== undefined) return Buffer.from(JSON.stringify(renderJson(request.json, context)), 'utf8');
  if (request.text !== undefined) return Buffer.from(renderTemplate(request.text, context), 'utf8');
  if (request.base64 !== undefined) return Buffer.from(request.base64, 'base64');
  if (request.parts !== undefined) {
    const text = request.parts
      .map((part) => (typeof part === 'string' ? renderTemplate(part, context) : part.repeat.repeat(part.times)))
      .join('');
    return Buffer.from(text, 'utf8');
  }
  return undefined;
}

/** Sends a case's request as it is written: method, headers and bytes, nothing added but Host and Content-Length. */
export function sendRaw(endpoint: string, request: BadInputRequest, context: TemplateContext): Promise<RawResponse> {
  if (request.stream) return sendStream(endpoint, request, request.stream);
  const body = renderBody(request, context);
  const headers: Record<string, string | number> = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, renderTemplate(value, context)]),
  );
  if (body) headers['content-length'] = body.length;
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(endpoint, { method: request.method, headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const flat = Object.fromEntries(
          Object.entries(incoming.headers).map(([name, value]) => [
            name,
            Array.isArray(value) ? value.join(', ') : (value ?? ''),
          ]),
        );
        resolve(toResponse(incoming.statusCode ?? 0, flat, Buffer.concat(chunks).toString('utf8')));
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Writes a request on a raw socket: headers, then `sentBytes` of filler (chunked unless a length
 * is declared), and resolves with the first response — which must come back while the client
 * is still sending, or before it sends the rest of what it declared.
 */
function sendStream(
  endpoint: string,
  request: BadInputRequest,
  stream: { declaredBytes?: number; sentBytes: number },
): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (result: RawResponse | Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    socket.on('error', (error) => {
      // The server may close the socket on a body it refused; what matters is the answer before.
      const parsed = parseRawResponse(received);
      finish(parsed ?? error);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseRawResponse(received);
      if (parsed) finish(parsed);
    });
    socket.on('close', () =>
      finish(
        parseRawResponse(received) ??
          new Error(
            `the connection closed without a complete response: '${received.toString('latin1').slice(0, 200)}'`,
          ),
      ),
    );
    socket.on('connect', () => {
      const lines = [`${request.method} / HTTP/1.1`, `host: ${url.host}`];
      for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`);
      lines.push(
        stream.declaredBytes === undefined ? 'transfer-encoding: chunked' : `content-length: ${stream.declaredBytes}`,
      );
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      const chunkBytes = 64 * 1024;
      const filler = Buffer.alloc(chunkBytes, 'x');
      let sent = 0;
      const writeMore = () => {
        while (!settled && sent < stream.sentBytes) {
          const size = Math.min(chunkBytes, stream.sentBytes - sent);
          sent += size;
          const piece = filler.subarray(0, size);
          const ok =
            stream.declaredBytes === undefined
              ? socket.write(Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), piece, Buffer.from('\r\n')]))
              : socket.write(piece);
          if (!ok) {
            socket.once('drain', writeMore);
            return;
          }
        }
        if (!settled && stream.declaredBytes === undefined) socket.write('0\r\n\r\n');
      };
      writeMore();
    });
  });
}

/** Parses an HTTP/1.1 response with a Content-Length once all of it has arrived. */
function parseRawResponse(bytes: Buffer): RawResponse | undefined {
  const headerEnd = bytes.indexOf('\r\n\r\n');
  if (headerEnd < 0) return undefined;
  const [statusLine = '', ...headerLines] = bytes.subarray(0, headerEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] =
      headers[name] === undefined ? line.slice(colon + 1).trim() : `${headers[name]}, ${line.slice(colon + 1).trim()}`;
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = bytes.subarray(headerEnd + 4);
  if (body.length < length) return undefined;
  return toResponse(Number(statusLine.split(' ')[1]), headers, body.subarray(0, length).toString('utf8'));
}

function toResponse(status: number, headers: Record<string, string>, text: string): RawResponse {
  let json: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      json = parsed as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status, headers, text, json };
}
