import { ClassifiedError, isRetryable } from '../../../lib/errors/classified-error';
import { ConcurrentUpdateError } from '../../../functions/shared/store-errors';
import { UnknownDetailTypeError } from '../../../functions/shared/message-errors';
import { PublishError } from '../../../functions/shared/publish-errors';
import { ConfigurationError } from '../../../functions/shared/runtime-config';

describe('isRetryable', () => {
  it('retries a transient error and a deployment that lacks a variable', () => {
    expect(isRetryable(new ConcurrentUpdateError('order#1', 3))).toBe(true);
    expect(isRetryable(new ConfigurationError(['TABLE_NAME']))).toBe(true);
  });

  it('does not retry an input that can never be valid', () => {
    expect(isRetryable(new UnknownDetailTypeError('OrderTeleported'))).toBe(false);
  });

  it('follows what AWS answered for a publish error', () => {
    expect(isRetryable(new PublishError([], 4))).toBe(true);
    expect(isRetryable(new PublishError([], 4, { retryable: false }))).toBe(false);
  });

  it('treats an error that is not classified, an sdk error included, as transient', () => {
    const sdkError = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    expect(isRetryable(sdkError)).toBe(true);
    expect(isRetryable('a thrown string')).toBe(true);
  });

  it('exposes retryable on the error itself, derived from its kind', () => {
    class ExampleRefusal extends ClassifiedError {
      override readonly name = 'ExampleRefusal';
      readonly kind = 'refused';
    }
    expect(new ExampleRefusal('no')).toMatchObject({ name: 'ExampleRefusal', kind: 'refused', retryable: false });
  });
});
