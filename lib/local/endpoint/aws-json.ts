import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who made a call to the local endpoint, taken from the access key id of the SigV4
 * `Authorization` header (see `parseCallerIdentity`).
 */
export interface CallerIdentity {
  /** The access key id the caller signed with (`LOCAL` + function name for functions). */
  readonly accessKeyId: string;
  /** The function name the access key id names, or `client` for any other caller. */
  readonly principal: string;
}

/**
 * One call of an AWS JSON protocol (JSON 1.0 / 1.1) operation, as the endpoint hands it to a
 * service: the `X-Amz-Target` value (`DynamoDB_20120810.PutItem`), the raw body (already size
 * checked, not parsed) and the caller.
 */
export interface AwsJsonRequest {
  /** The full `X-Amz-Target` header, e.g. `AmazonSQS.SendMessage`. */
  readonly target: string;
  readonly body: Buffer;
  readonly headers: IncomingHttpHeaders;
  readonly caller: CallerIdentity;
  /** Aborted when the client goes away (ends long polls early). @default - never aborted */
  readonly signal?: AbortSignal;
}

/** What a service answers to an `AwsJsonRequest`; the endpoint writes it as it is. */
export interface AwsJsonResponse {
  readonly statusCode: number;
  /** Extra headers (`x-amzn-ErrorType`, `x-amz-crc32`, ...); content type defaults per protocol. */
  readonly headers?: Record<string, string>;
  readonly body: string;
}

/** A service the endpoint routes JSON protocol calls to by their `X-Amz-Target` prefix. */
export interface AwsJsonService {
  handle(request: AwsJsonRequest): Promise<AwsJsonResponse>;
}
