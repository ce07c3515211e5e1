import { AwsServiceError, InternalFailureError } from '../../../lib/local/endpoint/aws-service-error';
import { isRetryable } from '../../../lib/errors/classified-error';

// As the AWS SDKs' standard retry strategy classifies answers (@smithy/service-error-classification:
// 5xx server faults and 429 throttling are retried, other client errors are not).
describe('whether an AWS error is worth retrying', () => {
  it('retries a server fault and a throttle', () => {
    expect(isRetryable(new InternalFailureError('boom'))).toBe(true);
    expect(isRetryable(new AwsServiceError('TooManyRequestsException', 'Rate exceeded', { statusCode: 429 }))).toBe(
      true,
    );
  });

  it('does not retry a client error, access denied or a conflict', () => {
    expect(new AwsServiceError('ValidationException', 'bad').kind).toBe('validation');
    expect(new AwsServiceError('AccessDeniedException', 'no').kind).toBe('refused');
    expect(new AwsServiceError('ConflictException', 'exists', { statusCode: 409 }).kind).toBe('conflict');
    expect(isRetryable(new AwsServiceError('QueueDoesNotExist', 'gone'))).toBe(false);
  });
});
