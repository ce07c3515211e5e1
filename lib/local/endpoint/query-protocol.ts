import type { AwsJsonResponse } from './aws-json';

/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * An error of a query protocol service (STS, SNS, IAM, ...), as they answer it:
 * `<ErrorResponse><Error><Type>Sender</Type><Code>..</Code><Message>..</Message></Error>...`.
 */
export function queryErrorResponse(
  code: string,
  message: string,
  requestId: string,
  statusCode = 400,
): AwsJsonResponse {
  return {
    statusCode,
    headers: { 'Content-Type': 'text/xml' },
    body:
      `<ErrorResponse><Error><Type>${statusCode >= 500 ? 'Receiver' : 'Sender'}</Type>` +
      `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
