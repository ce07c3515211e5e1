import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsServiceError } from './aws-service-error';

/** The secret behind an access key id, or `undefined` for a key the local cloud does not know. */
export type SecretAccessKeyLookup = (accessKeyId: string) => string | undefined;

/** A request as it came off the wire, enough to sign it again. */
export interface SignedRequest {
  readonly method: string;
  /** Path and query exactly as sent (`/2015-03-31/functions/f%3A1/invocations?Qualifier=x`). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9\-;.]+),\s*Signature=([0-9a-f]{64})$/;

/**
 * Checks AWS Signature Version 4 on requests to the local cloud (`--verify-signatures`), by
 * signing the request again with the secret of its access key and the headers it says it
 * signed, so that a test can prove a call was signed with the expected credentials. Refusals
 * are AWS's: a missing signature `MissingAuthenticationTokenException`, an unknown key
 * `UnrecognizedClientException`, a wrong signature `InvalidSignatureException`.
 *
 * @example
 * const verifier = new SignatureVerifier((key) => (key === 'local' ? 'local-secret' : undefined));
 * await verifier.verify({ method: 'POST', url: '/', headers, body }); // throws AwsServiceError if not signed right
 */
export class SignatureVerifier {
  constructor(private readonly secretOf: SecretAccessKeyLookup) {}

  /** Resolves when the signature holds; rejects with the AWS error otherwise. */
  async verify(request: SignedRequest): Promise<void> {
    const authorization = headerText(request.headers.authorization);
    if (!authorization) {
      throw new AwsServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', {
        statusCode: 403,
      });
    }
    const parts = AUTHORIZATION.exec(authorization);
    const signingDate = parseAmzDate(headerText(request.headers['x-amz-date']));
    if (!parts || !signingDate) {
      throw new AwsServiceError(
        'IncompleteSignatureException',
        'Authorization header requires Credential, SignedHeaders and Signature in AWS4-HMAC-SHA256 form, and an X-Amz-Date header.',
        { statusCode: 403 },
      );
    }
    const [, accessKeyId, , region, service, signedHeaderList, signature] = parts as unknown as string[];
    const secretAccessKey = this.secretOf(accessKeyId!);
    if (secretAccessKey === undefined) {
      throw new AwsServiceError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        {
          statusCode: 403,
        },
      );
    }
    const expected = await signatureOf(request, {
      accessKeyId: accessKeyId!,
      secretAccessKey,
      region: region!,
      service: service!,
      signedHeaders: signedHeaderList!.split(';'),
      signingDate,
    });
    if (!sameHex(expected, signature!) || !payloadHashHolds(request)) {
      throw new AwsServiceError(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        { statusCode: 403 },
      );
    }
  }
}

interface SigningInputs {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signingDate: Date;
}

async function signatureOf(request: SignedRequest, inputs: SigningInputs): Promise<string> {
  const url = new URL(request.url, 'http://local');
  const query: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of inputs.signedHeaders) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: inputs.accessKeyId, secretAccessKey: inputs.secretAccessKey },
    region: inputs.region,
    service: inputs.service,
    sha256: NodeSha256,
    // Sign exactly the headers the caller signed: no x-amz-content-sha256 added on our side.
    applyChecksum: false,
    // S3 signs its path as sent; every other service signs it URI-encoded once more.
    uriEscapePath: inputs.service !== 's3',
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers,
      body: request.body,
    },
    { signingDate: inputs.signingDate, signingRegion: inputs.region, signingService: inputs.service },
  );
  const authorization = signed.headers['authorization'] ?? signed.headers['Authorization'] ?? '';
  return /Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ?? '';
}

/**
 * A signed `x-amz-content-sha256` vouches for the body in the signature's place, so it must be
 * the body's real hash (or say the payload is unsigned, as S3 allows).
 */
function payloadHashHolds(request: SignedRequest): boolean {
  const declared = headerText(request.headers['x-amz-content-sha256']);
  if (declared === undefined || declared === 'UNSIGNED-PAYLOAD' || declared.startsWith('STREAMING-')) return true;
  return declared === createHash('sha256').update(request.body).digest('hex');
}

/** SHA-256 (or HMAC-SHA256 with a secret) in the shape the smithy signer takes. */
class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** `20261203T191500Z` → that instant; `undefined` for anything else. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const match = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!match) return undefined;
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sameHex(expected: string, given: string): boolean {
  return expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}
