import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { AwsJsonResponse } from '../endpoint/aws-json';
import { unescapeProtoNames } from './proto-safe-names';

/**
 * A DynamoDB JSON 1.0 response: the body plus the headers AWS sends with it (`x-amz-crc32` is the
 * body checksum SDKs may verify, `x-amzn-RequestId` the id they put on errors).
 */
export function awsJsonResponse(statusCode: number, payload: unknown): AwsJsonResponse {
  const body = unescapeProtoNames(JSON.stringify(payload));
  return {
    statusCode,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': randomUUID(),
      'x-amz-crc32': String(crc32(body)),
    },
    body,
  };
}
