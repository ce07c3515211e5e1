import { createHash, createHmac } from 'node:crypto';

/** A signed AWS JSON-protocol request, in the shape autocannon sends. */
export interface SignedJsonRequest {
  readonly method: 'POST';
  readonly path: '/';
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface JsonRequestSigning {
  /** `host:port` exactly as the load generator sends it in the Host header. */
  readonly host: string;
  readonly region: string;
  /** The signing name: `events`, `sqs`. */
  readonly service: string;
  /** `X-Amz-Target`, e.g. `AWSEvents.PutEvents`. */
  readonly target: string;
  /** `application/x-amz-json-1.1` (EventBridge) or `application/x-amz-json-1.0` (SQS). */
  readonly contentType: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * Signs one AWS JSON-protocol POST with Signature Version 4, synchronously: autocannon builds
 * requests in a synchronous `setupRequest` (a DeleteMessage needs the receipt handle the
 * ReceiveMessage before it returned), where the SDK's asynchronous signer cannot run.
 * Follows the SigV4 steps of the AWS General Reference ("Create a signed AWS API request");
 * test/bench/sigv4-json-request.test.ts checks it against the local endpoint's verifier.
 */
export function signJsonRequest(signing: JsonRequestSigning, body: string, now = new Date()): SignedJsonRequest {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': signing.contentType,
    host: signing.host,
    'x-amz-date': amzDate,
    'x-amz-target': signing.target,
  };
  const signedHeaders = Object.keys(headers).sort().join(';');
  const canonicalHeaders = Object.keys(headers)
    .sort()
    .map((name) => `${name}:${headers[name]}\n`)
    .join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(body)].join('\n');
  const scope = `${date}/${signing.region}/${signing.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = [date, signing.region, signing.service, 'aws4_request'].reduce<Buffer | string>(
    (key, part) => hmac(key, part),
    `AWS4${signing.secretAccessKey}`,
  );
  const signature = hmac(signingKey, stringToSign).toString('hex');
  return {
    method: 'POST',
    path: '/',
    headers: {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${signing.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    body,
  };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function hmac(key: Buffer | string, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}
