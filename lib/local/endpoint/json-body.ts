import type { IncomingMessage } from 'node:http';
import { RequestEntityTooLargeError, SerializationError } from './aws-service-error';

/** Default limit of a request body: 10 MB (more than any JSON protocol API accepts). */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Default limit of JSON nesting (DynamoDB allows 32 levels of attribute values, two JSON levels each). */
export const DEFAULT_MAX_JSON_DEPTH = 100;

/**
 * Reads a request body up to `maxBytes`. A `content-length` over the limit is refused before
 * reading anything; a body that grows past it is refused as soon as it does (the rest is
 * drained, not buffered, so the response can still be written).
 */
export function readBody(request: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      request.resume();
      reject(new RequestEntityTooLargeError(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) {
        return;
      }
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(new RequestEntityTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!refused) {
        resolve(Buffer.concat(chunks, size));
      }
    });
    request.on('error', (error) => reject(error));
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a JSON protocol body: strict UTF-8, nesting at most `maxDepth`, an object at the top.
 * An empty body is `{}` (the SDKs send `{}`, some clients nothing). Throws `SerializationError`.
 */
export function parseJsonObject(body: Buffer, maxDepth = DEFAULT_MAX_JSON_DEPTH): Record<string, unknown> {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new SerializationError('request body is not valid utf-8');
  }
  if (text.trim() === '') {
    return {};
  }
  assertJsonDepth(text, maxDepth);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SerializationError(`request body is not valid json: ${(error as Error).message.toLowerCase()}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SerializationError(`request body must be a json object, got '${truncate(text, 40)}'`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Refuses JSON nested deeper than `maxDepth` before `JSON.parse` sees it, so a hostile body cannot
 * blow the stack of code that walks the parsed value recursively.
 */
export function assertJsonDepth(text: string, maxDepth: number): void {
  if (exceedsJsonDepth(text, maxDepth)) {
    throw new SerializationError(`request body is nested deeper than ${maxDepth} levels`);
  }
}

/**
 * Whether JSON text nests objects and arrays deeper than `maxDepth`, read without parsing (and
 * without recursion), so the answer costs one pass over the text whatever the text holds.
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) {
        i++;
      } else if (c === 0x22 /* " */) {
        inString = false;
      }
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}...` : text;
}
